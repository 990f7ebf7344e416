namespace BetterDns.Registry.Options;

/// <summary>The zone the registry serves (configuration section <c>Zone</c>).</summary>
public sealed class ZoneOptions
{
    public const string Section = "Zone";

    /// <summary>The zone apex; a missing trailing dot is added.</summary>
    public string Origin { get; set; } = "cluster.internal.";

    /// <summary>
    /// TTL of new registrations when the client gives none, and <c>$TTL</c> of a new zone file. Short, so a
    /// resolver in front stops handing out a removed name within seconds (docs/decisions.md, "What clients see").
    /// </summary>
    public uint DefaultTtl { get; set; } = 5;

    /// <summary>
    /// SOA TTL and MINIMUM of a new zone file: how long resolvers cache "no such name" (RFC 2308), so how long
    /// a name asked before it registered stays hidden after its 2xx. An existing zone file's SOA governs.
    /// </summary>
    public uint NegativeTtl { get; set; } = 1;

    /// <summary>SOA MNAME and the apex NS of a new zone file; default <c>ns1.&lt;origin&gt;</c>.</summary>
    public string? PrimaryNameServer { get; set; }

    /// <summary>SOA RNAME (<c>hostmaster.example.</c> or <c>hostmaster@example</c>); default <c>hostmaster.&lt;origin&gt;</c>.</summary>
    public string? Hostmaster { get; set; }

    /// <summary>The zone file; default <c>&lt;data&gt;/&lt;origin without trailing dot&gt;.zone</c>.</summary>
    public string? File { get; set; }
}
