using BetterDns.Auth;
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
            .WithSummary("The whole zone: JSON by default, the zone file text with 'Accept: text/dns'.")
            .Produces<ManifestResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<string>(StatusCodes.Status200OK, ZoneFileMediaType)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
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
            [.. snapshot.ByName.Select(pair => RecordSetResponse.From(pair.Key, pair.Value, rules.Origin))],
            [.. snapshot.Zone.Records.Select(r => r.ToString())]));
    }

    private static bool WantsZoneFile(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(ZoneFileMediaType, StringComparison.OrdinalIgnoreCase));
}
