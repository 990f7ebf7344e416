using BetterDns.Common;
using BetterDns.Health;
using BetterDns.Registry;

namespace BetterDns.Records;

/// <summary>The check a registration is probed with (durations as "10s"); null in a response when it is not checked.</summary>
public sealed record CheckResponse(
    string Kind,
    int Port,
    string Path,
    string? Host,
    string? Expect,
    string? Executable,
    string Interval,
    string Timeout,
    int FailuresBeforeCritical,
    int SuccessesBeforePassing,
    string? DeregisterAfter)
{
    public static CheckResponse? From(HealthCheck check) => check.Kind == CheckKind.None ? null : new(
        check.Kind.ToString().ToLowerInvariant(),
        check.Port,
        check.Path,
        check.Host,
        check.Expect,
        check.Executable,
        DurationText.Format(check.Interval),
        DurationText.Format(check.Timeout),
        check.FailuresBeforeCritical,
        check.SuccessesBeforePassing,
        check.DeregisterAfter is { } d ? DurationText.Format(d) : null);
}
