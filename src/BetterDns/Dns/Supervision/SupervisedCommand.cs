namespace BetterDns.Dns.Supervision;

/// <summary>The command line of a supervised server; <paramref name="Name"/> tags its log lines.</summary>
public sealed record SupervisedCommand(
    string Name,
    string Executable,
    IReadOnlyList<string> Arguments,
    string? WorkingDirectory = null)
{
    public override string ToString() => string.Join(' ', [Executable, .. Arguments]);
}
