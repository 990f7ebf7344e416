using BetterDns.Auth;
using BetterDns.OpenApi;
using BetterDns.Records;
using BetterDns.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace BetterDns.Manifest;

/// <summary>
/// GET /: the whole manifest. JSON by default; <c>Accept: text/dns</c> returns the zone file exactly as
/// it is on disk. The manifest shows operator-written records and every owner, like a zone transfer,
/// so it is for admins only.
/// </summary>
public static class ManifestEndpoints
{
    public const string ZoneFileMediaType = "text/dns";

    public static RouteHandlerBuilder MapManifest(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/", GetManifest)
            .WithName("GetManifest")
            .WithTags("Manifest")
            .WithSummary("Show the whole zone")
            .WithDescription("""
                For admins: the zone's origin and SOA serial, every registration by name, and every record of the zone
                (operator-written ones too). JSON by default; `Accept: text/dns` returns the zone file exactly as it is on
                disk (`503` if it has not been written yet).
                """)
            .Produces<ManifestResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<string>(StatusCodes.Status200OK, ZoneFileMediaType)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithResponseExample(StatusCodes.Status200OK, "JSON", ManifestExamples.Json, "application/json")
            .WithResponseExample(StatusCodes.Status200OK, "zone file", ManifestExamples.ZoneFile, ZoneFileMediaType)
            .WithResponseExample(StatusCodes.Status403Forbidden, "a VM token", ProblemExamples.Problem(
                StatusCodes.Status403Forbidden, "Forbidden", AuthProblems.AdminRoleDetail, typed: false))
            .RequireAuthorization(Policies.Admin);

    public static async Task<Results<Ok<ManifestResponse>, FileStreamHttpResult, ProblemHttpResult>> GetManifest(
        HttpRequest request, IRegistry registry, ZoneFileReader zoneFile, RecordRules rules, CancellationToken cancellationToken)
    {
        if (WantsZoneFile(request))
        {
            try
            {
                var stream = await zoneFile.OpenAsync(cancellationToken);
                return stream is null
                    ? TypedResults.Problem(
                        detail: "The zone file has not been written yet; retry in a moment.",
                        statusCode: StatusCodes.Status503ServiceUnavailable)
                    : TypedResults.Stream(stream, ZoneFileMediaType);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return TypedResults.Problem(
                    detail: $"The zone file could not be brought up to date ({e.Message}); the JSON manifest still answers.",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }

        var snapshot = registry.Current;
        return TypedResults.Ok(new ManifestResponse(
            snapshot.Zone.Origin.Value,
            snapshot.Zone.Soa?.Serial,
            snapshot.Version,
            [.. snapshot.ByName.Select(pair => RecordSetResponse.From(pair.Key, pair.Value, rules.Origin, board: null, detailed: true))],
            [.. snapshot.Zone.Records.Select(r => r.ToString())]));
    }

    private static bool WantsZoneFile(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(ZoneFileMediaType, StringComparison.OrdinalIgnoreCase));
}
