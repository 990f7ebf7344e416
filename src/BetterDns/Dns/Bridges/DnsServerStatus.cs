namespace BetterDns.Dns.Bridges;

/// <summary>
/// A snapshot of a driven server's supervision: its state, how often it had to be restarted after
/// dying (<see cref="CrashRestarts"/>), how often it was started in all, and what went wrong last.
/// </summary>
public sealed record DnsServerStatus(
    DnsServerState State,
    int CrashRestarts,
    int Starts,
    int? ProcessId,
    string? LastError)
{
    public static DnsServerStatus Stopped { get; } = new(DnsServerState.Stopped, 0, 0, null, null);
}
