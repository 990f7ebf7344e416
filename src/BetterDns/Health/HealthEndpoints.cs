using System.Security.Claims;
using BetterDns.Auth;
using BetterDns.OpenApi;
using BetterDns.Records;
using BetterDns.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BetterDns.Health;

/// <summary>
/// PUT /a/{name}/heartbeat (a heartbeat check's proof of life) and PUT /a/{name}/maintenance, both for
/// the owner or an admin, <c>?ip=</c> for one member.
/// </summary>
public static class HealthEndpoints
{
    public static RouteGroupBuilder MapHealthRoutes(this RouteGroupBuilder group)
    {
        group.MapPut("/{name}/heartbeat", Heartbeat)
            .WithName("Heartbeat")
            .WithSummary("Send a heartbeat")
            .WithDescription("""
                Proof of life for `heartbeat` checks: the caller's records under the name (an admin: all; `?ip=` one) are
                alive now. A record whose last heartbeat is older than its check's `interval` counts as a failed check.
                No body; `204`.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(StatusCodes.Status400BadRequest, "bad address", ProblemExamples.Validation(RecordsExamples.IpErrors))
            .RequireAuthorization(Policies.Registrant);

        group.MapPut("/{name}/maintenance", Maintenance)
            .WithName("SetMaintenance")
            .WithSummary("Turn maintenance on or off")
            .WithDescription("""
                `enabled: true` takes the caller's records under the name (an admin: all; `?ip=` one) out of DNS and pauses
                their checks until `enabled: false` puts them back. Each change posts a webhook (`passing → maintenance`).
                """)
            .Accepts<MaintenanceRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithRequestExample("enable", "out of DNS for a kernel upgrade", HealthExamples.Enable)
            .WithRequestExample("disable", "back into DNS", HealthExamples.Disable)
            .WithResponseExample(StatusCodes.Status200OK, "in maintenance", HealthExamples.InMaintenance)
            .WithResponseExample(StatusCodes.Status400BadRequest, "enabled missing", ProblemExamples.Validation(HealthExamples.EnabledErrors))
            .RequireAuthorization(Policies.Registrant);
        return group;
    }

    public static Results<NoContent, ProblemHttpResult, ValidationProblem> Heartbeat(
        [AsParameters] RemoveRoute route, ClaimsPrincipal user, IRegistry registry, RecordRules rules, HealthBoard board, TimeProvider time)
    {
        var relative = rules.TryNormaliseName(route.Name, out _)!;
        var address = route.Ip is null ? null : rules.TryParseAddress(route.Ip, out _);
        var actor = RecordsEndpoints.RequireActor(user);
        var pool = registry.Current.Find(rules.ToFqdn(relative));
        var chosen = pool.Where(r => address is null || r.Address.Equals(address)).ToList();
        var mine = chosen.Where(r => actor.IsAdmin || r.Owner == actor.Subject).ToList();
        if (mine.Count == 0)
        {
            return chosen.Count == 0
                ? OutcomeProblems.NotFound(relative)
                : TypedResults.Problem(detail: $"'{relative}' is registered by another owner.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        var now = time.GetUtcNow();
        foreach (var registration in mine)
        {
            board.Heartbeat(registration.Fqdn, registration.Address, now);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<RecordSetResponse>, ProblemHttpResult, ValidationProblem>> Maintenance(
        [AsParameters] RemoveRoute route, MaintenanceRequest request, ClaimsPrincipal user, HttpContext http, IRegistry registry,
        RecordRules rules, HealthBoard board, HealthEvents events, CancellationToken cancellationToken)
    {
        var relative = rules.TryNormaliseName(route.Name, out _)!;
        var address = route.Ip is null ? null : rules.TryParseAddress(route.Ip, out _);
        var fqdn = rules.ToFqdn(relative);
        var before = registry.Current.Find(fqdn);
        var enabled = request.Enabled!.Value;
        var outcome = await registry.SubmitAsync(
            new MaintenanceChange(RecordsEndpoints.RequireActor(user), relative, address, enabled, request.Reason), cancellationToken);
        if (outcome.Status != ChangeStatus.Updated)
        {
            return OutcomeProblems.From(outcome, relative, http);
        }

        foreach (var after in outcome.Registrations)
        {
            if (before.FirstOrDefault(r => r.Address.Equals(after.Address)) is { } old && old.Health.Name != after.Health.Name)
            {
                events.Changed(after, old.Health.Name, after.Health.Name,
                    enabled ? request.Reason ?? "maintenance enabled" : "maintenance disabled");
            }
        }

        return TypedResults.Ok(RecordSetResponse.From(fqdn, outcome.Registrations, rules.Origin, board, user.IsAdmin()));
    }
}
