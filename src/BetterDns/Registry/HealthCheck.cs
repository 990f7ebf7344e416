namespace BetterDns.Registry;

/// <summary>How the health checker probes a registration (always at the registration's own address).</summary>
public enum CheckKind
{
    None,
    Http,
    Https,
    Tcp,
    Exec,
    Heartbeat,
}

/// <summary>
/// The check a registration was registered with, resolved against <c>Health:Defaults</c>. Nothing in it
/// names a host: the checker probes only the registration's own address; <see cref="Host"/> is just the
/// HTTP Host header and <see cref="Executable"/> a file name inside <c>Health:ExecDirectory</c>.
/// </summary>
public sealed record HealthCheck(
    CheckKind Kind,
    int Port,
    string Path,
    string? Host,
    string? Expect,
    string? Executable,
    TimeSpan Interval,
    TimeSpan Timeout,
    int FailuresBeforeCritical,
    int SuccessesBeforePassing,
    TimeSpan? DeregisterAfter)
{
    /// <summary>No check: the registration is served as long as it is registered (and not in maintenance).</summary>
    public static HealthCheck None { get; } = new(CheckKind.None, 0, "/", null, null, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), 1, 1, null);
}
