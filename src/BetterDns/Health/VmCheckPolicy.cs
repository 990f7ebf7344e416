using System.Globalization;
using System.Net;
using BetterDns.Records;
using BetterDns.Registry;
using BetterDns.Zone.Model;
using Microsoft.Extensions.Options;

namespace BetterDns.Health;

/// <summary>
/// What checks a VM token may ask for (admins: anything valid). Exec checks spawn processes on this host, so
/// they are admin-only unless <c>Health:AllowExecChecksForVms</c>; and one owner's probes per second, summed
/// over its registrations, stay within <c>Health:MaxProbesPerSecondPerOwner</c>, so no tenant turns the
/// checker into a load generator. Judged at the edge against the current snapshot: two racing requests of one
/// owner can both pass, which the per-client rate limit and the owner's record cap keep small.
/// </summary>
public sealed class VmCheckPolicy(IOptions<HealthOptions> options)
{
    private const double Tolerance = 1e-9;

    /// <summary>The probes per second a check makes: heartbeats and unchecked registrations make none.</summary>
    public static double ProbesPerSecond(HealthCheck check) =>
        check.Kind is CheckKind.Http or CheckKind.Https or CheckKind.Tcp or CheckKind.Exec ? 1 / check.Interval.TotalSeconds : 0;

    /// <summary>
    /// Null when <paramref name="actor"/> may give <paramref name="check"/> to <paramref name="addresses"/> under
    /// <paramref name="fqdn"/>; the request replaces the actor's registrations there at those addresses
    /// (<paramref name="wholeName"/>: all of the actor's addresses under the name, as PUT does).
    /// </summary>
    public Refusal? Refusal(Actor actor, RegistrySnapshot snapshot, DomainName fqdn, IReadOnlyCollection<IPAddress> addresses, bool wholeName, HealthCheck check)
    {
        if (actor.IsAdmin)
        {
            return null;
        }

        var health = options.Value;
        if (check.Kind == CheckKind.Exec && !health.AllowExecChecksForVms)
        {
            return new Refusal(StatusCodes.Status403Forbidden, "Forbidden", "check.kind",
                "exec checks run a process on the BetterDns host, so only admins may register them (Health:AllowExecChecksForVms is false).");
        }

        var added = ProbesPerSecond(check) * addresses.Count;
        if (added == 0)
        {
            return null;
        }

        var kept = snapshot.All
            .Where(r => r.Owner == actor.Subject && !(r.Fqdn.Equals(fqdn) && (wholeName || addresses.Contains(r.Address))))
            .Sum(r => ProbesPerSecond(r.Check));
        var budget = health.MaxProbesPerSecondPerOwner;
        if (kept + added <= budget + Tolerance)
        {
            return null;
        }

        var room = budget - kept;
        var advice = room > Tolerance
            ? $"an 'interval' of at least {Format(addresses.Count / room)}s fits"
            : "remove or slow down another checked registration first";
        return new Refusal(StatusCodes.Status409Conflict, "Probe budget exceeded", "check.interval",
            $"This owner's checks would make {Format(kept + added)} probes per second ({Format(kept)} already, {Format(added)} for this request); "
            + $"the budget is {Format(budget)} per owner (Health:MaxProbesPerSecondPerOwner): {advice}.");
    }

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
