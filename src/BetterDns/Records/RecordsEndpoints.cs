using System.Net;
using System.Security.Claims;
using BetterDns.Auth;
using BetterDns.Common;
using BetterDns.Dns.Sync;
using BetterDns.Health;
using BetterDns.OpenApi;
using BetterDns.Registry;
using BetterDns.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BetterDns.Records;

/// <summary>
/// The A-record routes of the seed: GET /a, GET /a/{name}, POST /a, PUT /a/{name}, DELETE /a/{name}.
/// Handlers validate (through the group's filter), authorise (policies; the ownership rule runs inside
/// the registry's writer) and submit one change; they never touch files.
/// </summary>
public static class RecordsEndpoints
{
    public static RouteGroupBuilder MapRecords(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/a")
            .WithTags("Records")
            .WithValidation()
            .WithRequestBodyLimit()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", ListRecords)
            .WithName("ListRecords")
            .WithSummary("List the registered names the caller may see")
            .WithDescription("""
                Every A record set the API knows, one entry per name, each with its addresses, owner, check and health.
                An admin sees every owner's records; a VM token sees only its own (names where it holds no address are left
                out) unless `Auth:VmsSeeAllRecords` is set. Operator-written records of the zone file are in `GET /`.
                """)
            .WithResponseExample(StatusCodes.Status200OK, "two names", new[] { RecordsExamples.Pool, RecordsExamples.Unchecked })
            .RequireAuthorization(Policies.Reader);

        group.MapGet("/{name}", GetRecord)
            .WithName("GetRecord")
            .WithSummary("Show one name's registrations")
            .WithDescription("""
                One name's registrations; several addresses form a round-robin pool. `status` is `PENDING` until the DNS
                server answers with the address, then `INSYNC`. `?wait=5s` (at most 60s) blocks until every registration
                under the name is `INSYNC` or the wait is up: a boot script's "block until I resolve". A VM token sees only its
                own addresses under the name, and `404` for a name where it holds none (unless `Auth:VmsSeeAllRecords`).
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(StatusCodes.Status200OK, "a pool of two", RecordsExamples.Pool)
            .WithResponseExample(StatusCodes.Status400BadRequest, "bad wait", ProblemExamples.Validation(RecordsExamples.WaitErrors))
            .RequireAuthorization(Policies.Reader);

        group.MapPost("/", RegisterRecord)
            .WithName("RegisterRecord")
            .WithSummary("Register an address under a name")
            .WithDescription("""
                `201 Created` the first time; the same owner, name and address again refreshes it (`200 OK`), so a VM can
                run the same `curl` at every boot. Leaving out `ip` registers the address the request comes from. A VM
                token may register only names matching its `--names` patterns and not a name another owner holds
                (`403`), and only its own address or one its token lists (`--ips`), never loopback, link-local or this
                host's addresses (`403`, `errors.ip`); an admin may add addresses to any name. A VM's checks stay within
                its probe budget (`409`, `errors["check.interval"]`); `exec` checks are for admins. `check` says how the service probes the address
                (`http`, `https`, `tcp`, `exec`, `heartbeat`; fields left out take `Health:Defaults`); `priority` makes a
                backup (lower is preferred).
                """)
            .Accepts<RegisterRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithRequestExample("withCheck", "with an HTTP health check", RecordsExamples.RegisterWithCheck)
            .WithRequestExample("address", "an explicit address and TTL", RecordsExamples.RegisterAddress)
            .WithRequestExample("caller", "the caller's own address", RecordsExamples.RegisterCaller)
            .WithRequestExample("heartbeat", "alive while it calls PUT /a/web-1/heartbeat every 30s", RecordsExamples.RegisterWithHeartbeat)
            .WithRequestExample("backup", "a backup (priority 1) served only when every priority-0 member is down", RecordsExamples.RegisterBackup)
            .WithResponseExample(StatusCodes.Status201Created, "registered", RecordsExamples.Created)
            .WithResponseExample(StatusCodes.Status200OK, "refreshed", RecordsExamples.Refreshed200)
            .WithResponseExample(StatusCodes.Status400BadRequest, "broken fields", ProblemExamples.Validation(RecordsExamples.NameErrors))
            .RequireAuthorization(Policies.Registrant);

        group.MapPut("/{name}", ReplaceRecords)
            .WithName("ReplaceRecords")
            .WithSummary("Replace the caller's addresses under a name")
            .WithDescription("""
                The caller's addresses under the name become exactly `ips` (or the one `ip`; the caller's address when both
                are left out); an admin replaces the whole pool. `201` when the name was new, `200` otherwise. `check`,
                `ttl` and `priority` apply to every address of the request.
                """)
            .Accepts<ReplaceRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithRequestExample("pool", "a pool of two, both checked", RecordsExamples.ReplacePool)
            .WithRequestExample("one", "one address with a TCP check", RecordsExamples.ReplaceOne)
            .WithResponseExample(StatusCodes.Status200OK, "the pool", RecordsExamples.Pool)
            .WithResponseExample(StatusCodes.Status201Created, "the new pool", RecordsExamples.Pool)
            .WithResponseExample(StatusCodes.Status400BadRequest, "bad address", ProblemExamples.Validation(RecordsExamples.IpErrors))
            .RequireAuthorization(Policies.Registrant);

        group.MapDelete("/{name}", RemoveRecords)
            .WithName("RemoveRecords")
            .WithSummary("Remove the caller's addresses under a name")
            .WithDescription("""
                Removes the caller's addresses under the name (an admin: all of them); `?ip=10.0.0.5` removes only that
                one. A VM runs this on a clean shutdown; `204` once the change is on disk.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithResponseExample(StatusCodes.Status400BadRequest, "bad address", ProblemExamples.Validation(RecordsExamples.IpErrors))
            .RequireAuthorization(Policies.Registrant);

        group.MapHealthRoutes();
        return group;
    }

    public static Ok<RecordSetResponse[]> ListRecords(
        ClaimsPrincipal user, IOptions<AuthOptions> auth, IRegistry registry, RecordRules rules, HealthBoard board)
    {
        var snapshot = registry.Current;
        var onlyOwner = RecordVisibility.OnlyOwner(user, auth.Value);
        var detailed = user.IsAdmin();
        return TypedResults.Ok(snapshot.ByName
            .Select(pair => (Fqdn: pair.Key, Visible: RecordVisibility.Visible(pair.Value, onlyOwner)))
            .Where(name => name.Visible.Count > 0)
            .Select(name => RecordSetResponse.From(name.Fqdn, name.Visible, rules.Origin, board, detailed))
            .ToArray());
    }

    public static async Task<Results<Ok<RecordSetResponse>, ProblemHttpResult, ValidationProblem>> GetRecord(
        [AsParameters] GetRecordRoute route, ClaimsPrincipal user, IOptions<AuthOptions> auth, IRegistry registry, RecordRules rules,
        ISyncWaiter waiter, HealthBoard board, CancellationToken cancellationToken)
    {
        var relative = rules.TryNormaliseName(route.Name, out _)!;
        var fqdn = rules.ToFqdn(relative);
        // Another owner's name is, to a VM, a name that does not exist (404), not a 403 that confirms it.
        var onlyOwner = RecordVisibility.OnlyOwner(user, auth.Value);
        if (DurationText.TryParse(route.Wait, out var wait) && RecordVisibility.Visible(registry.Current.Find(fqdn), onlyOwner).Count > 0)
        {
            // Answers as soon as the DNS server serves every registration under the name, or when the wait is up:
            // the response's status fields say which.
            await waiter.WaitForInSyncAsync(fqdn, address: null, wait, cancellationToken);
        }

        var registrations = RecordVisibility.Visible(registry.Current.Find(fqdn), onlyOwner);
        return registrations.Count == 0
            ? OutcomeProblems.NotFound(relative)
            : TypedResults.Ok(RecordSetResponse.From(fqdn, registrations, rules.Origin, board, user.IsAdmin()));
    }

    public static async Task<Results<Created<RecordResponse>, Ok<RecordResponse>, ProblemHttpResult, ValidationProblem>> RegisterRecord(
        RegisterRequest request, ClaimsPrincipal user, HttpContext http, IRegistry registry, RecordRules rules, HealthCheckFactory checks,
        AddressEntitlement entitlement, VmCheckPolicy checkPolicy, CancellationToken cancellationToken)
    {
        var relative = rules.TryNormaliseName(request.Name, out _)!;
        var address = request.Ip is null ? CallerAddressOrError(http, rules, out var error) : rules.TryParseAddress(request.Ip, out error);
        if (address is null)
        {
            return IpProblem(error!);
        }

        var actor = RequireActor(user);
        var check = checks.Create(request.Check);
        var refusal = EntitlementRefusal(user, http, entitlement, "ip", [address])
            ?? checkPolicy.Refusal(actor, registry.Current, rules.ToFqdn(relative), [address], wholeName: false, check);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var ttl = rules.TtlFor(request.Ttl, check);
        var outcome = await registry.SubmitAsync(new RegisterChange(actor, relative, address, ttl, check, request.Priority ?? 0), cancellationToken);
        var record = outcome.Registrations.FirstOrDefault(r => r.Address.Equals(address));
        var detailed = actor.IsAdmin;
        return outcome.Status switch
        {
            ChangeStatus.Created when record is not null => TypedResults.Created(Location(relative), RecordResponse.From(record, null, detailed)),
            ChangeStatus.Updated when record is not null => TypedResults.Ok(RecordResponse.From(record, null, detailed)),
            _ => OutcomeProblems.From(outcome, relative, http),
        };
    }

    public static async Task<Results<Created<RecordSetResponse>, Ok<RecordSetResponse>, ProblemHttpResult, ValidationProblem>> ReplaceRecords(
        [AsParameters] NameRoute route, ReplaceRequest request, ClaimsPrincipal user, HttpContext http, IRegistry registry, RecordRules rules,
        HealthCheckFactory checks, AddressEntitlement entitlement, VmCheckPolicy checkPolicy, CancellationToken cancellationToken)
    {
        var relative = rules.TryNormaliseName(route.Name, out _)!;
        List<IPAddress> addresses = [];
        if (request.Ips is not null)
        {
            addresses.AddRange(request.Ips.Select(ip => rules.TryParseAddress(ip, out _)!));
        }
        else
        {
            var address = request.Ip is null ? CallerAddressOrError(http, rules, out var error) : rules.TryParseAddress(request.Ip, out error);
            if (address is null)
            {
                return IpProblem(error!);
            }

            addresses.Add(address);
        }

        var actor = RequireActor(user);
        var check = checks.Create(request.Check);
        var fqdn = rules.ToFqdn(relative);
        var refusal = EntitlementRefusal(user, http, entitlement, request.Ips is null ? "ip" : "ips", addresses)
            ?? checkPolicy.Refusal(actor, registry.Current, fqdn, addresses, wholeName: !actor.IsAdmin, check);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var ttl = rules.TtlFor(request.Ttl, check);
        var outcome = await registry.SubmitAsync(new ReplaceChange(actor, relative, addresses, ttl, check, request.Priority ?? 0), cancellationToken);
        return outcome.Status switch
        {
            ChangeStatus.Created => TypedResults.Created(Location(relative), RecordSetResponse.From(fqdn, outcome.Registrations, rules.Origin, null, actor.IsAdmin)),
            ChangeStatus.Updated => TypedResults.Ok(RecordSetResponse.From(fqdn, outcome.Registrations, rules.Origin, null, actor.IsAdmin)),
            _ => OutcomeProblems.From(outcome, relative, http),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> RemoveRecords(
        [AsParameters] RemoveRoute route, ClaimsPrincipal user, HttpContext http, IRegistry registry, RecordRules rules,
        CancellationToken cancellationToken)
    {
        var relative = rules.TryNormaliseName(route.Name, out _)!;
        var address = route.Ip is null ? null : rules.TryParseAddress(route.Ip, out _);
        var outcome = await registry.SubmitAsync(new RemoveChange(RequireActor(user), relative, address), cancellationToken);
        return outcome.Status == ChangeStatus.Updated
            ? TypedResults.NoContent()
            : OutcomeProblems.From(outcome, relative, http);
    }

    private static IPAddress? CallerAddressOrError(HttpContext http, RecordRules rules, out string? error)
    {
        var caller = CallerAddress.Of(http);
        if (caller is null)
        {
            error = "The caller's address is unknown; send 'ip' explicitly.";
            return null;
        }

        if (!rules.CheckAllowed(caller, out var reason))
        {
            error = $"'ip' was left out, so the caller's address is used, but: {reason} Send 'ip' explicitly.";
            return null;
        }

        error = null;
        return caller;
    }

    /// <summary>The first address a VM token is not entitled to register, as a 403 naming <paramref name="field"/>; null for admins.</summary>
    private static Refusal? EntitlementRefusal(ClaimsPrincipal user, HttpContext http, AddressEntitlement entitlement, string field, IEnumerable<IPAddress> addresses)
    {
        var caller = CallerAddress.Of(http);
        foreach (var address in addresses)
        {
            if (entitlement.Refusal(user, caller, address) is { } reason)
            {
                return new Refusal(StatusCodes.Status403Forbidden, "Address not entitled", field, reason);
            }
        }

        return null;
    }

    private static ValidationProblem IpProblem(string error) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["ip"] = [error] },
            detail: "The request breaks the rules listed under 'errors'; fix those fields and send it again.");

    /// <summary>The registrant policy guarantees a subject claim, so every write has an actor.</summary>
    internal static Actor RequireActor(ClaimsPrincipal user) =>
        user.ToActor() ?? throw new InvalidOperationException("An authorised writer has no subject claim.");

    internal static string Location(string relative) => "/a/" + Uri.EscapeDataString(relative);
}
