namespace BetterDns.Dns.Bridges;

/// <summary>The answer to "does the server answer now?", with a sentence for the readiness report when not.</summary>
public sealed record DnsServerHealth(bool Answering, string Description)
{
    public static DnsServerHealth Healthy(string description) => new(true, description);

    public static DnsServerHealth Unhealthy(string description) => new(false, description);
}
