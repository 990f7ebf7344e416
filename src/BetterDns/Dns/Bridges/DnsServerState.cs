namespace BetterDns.Dns.Bridges;

/// <summary>The life of a driven DNS server as the supervisor sees it.</summary>
public enum DnsServerState
{
    /// <summary>Not started, or stopped on shutdown.</summary>
    Stopped,

    /// <summary>Started; waiting for the first answer to the SOA probe.</summary>
    Starting,

    /// <summary>Answered the SOA probe since it was last started.</summary>
    Running,

    /// <summary>Died (or failed to start); waiting out the backoff before starting again.</summary>
    Restarting,
}
