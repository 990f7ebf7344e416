namespace BetterDns.Records;

/// <summary>The <c>Registration</c> section: which addresses and TTLs clients may register, and whose X-Forwarded-For to trust.</summary>
public sealed class RegistrationOptions
{
    public const string Section = "Registration";

    /// <summary>
    /// CIDR ranges a registered address must fall in. The default is the private and loopback space a
    /// cluster uses: RFC 1918, RFC 6598 shared space (100.64/10, CGNAT and tailnets) and 127/8.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Used when the configuration names no <see cref="AllowedNetworks"/>.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedNetworks =
        ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8"];

    /// <summary>Proxies (addresses or CIDR ranges) whose X-Forwarded-For names the real client. Empty: trust none.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    public uint MinTtl { get; set; } = 5;

    public uint MaxTtl { get; set; } = 86400;

    /// <summary>Request bodies of the record routes larger than this are refused with 413.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024;

    public IReadOnlyList<string> EffectiveAllowedNetworks => AllowedNetworks.Count > 0 ? AllowedNetworks : DefaultAllowedNetworks;
}
