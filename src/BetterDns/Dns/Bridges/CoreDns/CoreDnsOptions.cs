namespace BetterDns.Dns.Bridges.CoreDns;

/// <summary><c>Dns:CoreDns:*</c>: where the binary is and what the generated Corefile serves.</summary>
public sealed class CoreDnsOptions
{
    /// <summary>The <c>coredns</c> executable: a path, or a name looked up on PATH.</summary>
    public string Binary { get; set; } = "coredns";

    /// <summary>Where the generated Corefile is written; default <c>&lt;zone file's directory&gt;/Corefile</c>.</summary>
    public string? Corefile { get; set; }

    /// <summary>The address CoreDNS answers DNS on (UDP and TCP).</summary>
    public string Listen { get; set; } = "127.0.0.1:5053";

    /// <summary>How often the <c>file</c> plugin looks at the zone's SOA serial.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The <c>cache</c> plugin's cap in seconds on cached answers; short, so a changed address shows quickly. 0 leaves the plugin out.</summary>
    public int CacheTtl { get; set; } = 1;

    /// <summary>
    /// How long the <c>cache</c> plugin may keep a denial (NXDOMAIN, NODATA), in seconds; 0 (default) does not
    /// cache denials (<c>disable denial</c>). CoreDNS keeps a denial min(max(TTL of the SOA in it, 5 s), this cap),
    /// whatever the SOA's MINIMUM says, so a cached NXDOMAIN hides a name registered right after it was asked for.
    /// </summary>
    public int CacheDenialTtl { get; set; }

    /// <summary><c>host:port</c> of the <c>health</c> plugin; empty to leave it out.</summary>
    public string? Health { get; set; } = "127.0.0.1:8080";

    /// <summary><c>host:port</c> of the <c>ready</c> plugin; empty to leave it out. The supervisor waits for it.</summary>
    public string? Ready { get; set; } = "127.0.0.1:8181";

    /// <summary><c>host:port</c> of the <c>prometheus</c> plugin; empty to leave it out.</summary>
    public string? Metrics { get; set; } = "127.0.0.1:9153";

    /// <summary>Whether to log every query (the <c>log</c> plugin).</summary>
    public bool LogQueries { get; set; } = true;
}
