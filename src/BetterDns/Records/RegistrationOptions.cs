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

    /// <summary>
    /// What a VM token may never register, even when its token lists it (admins are not bound by this):
    /// CIDR ranges or single addresses, and <see cref="HostKeyword"/> for every address of this host's own
    /// interfaces. Empty: <see cref="DefaultVmDeniedNetworks"/>. A lab that registers VMs on loopback sets
    /// the single entry <see cref="NoneKeyword"/>.
    /// </summary>
    public List<string> VmDeniedNetworks { get; set; } = [];

    public const string HostKeyword = "host";

    public const string NoneKeyword = "none";

    /// <summary>Loopback, "this network" (0.0.0.0), link-local, multicast, limited broadcast and the host's own addresses.</summary>
    public static readonly IReadOnlyList<string> DefaultVmDeniedNetworks =
        ["127.0.0.0/8", "0.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "255.255.255.255/32", HostKeyword];

    /// <summary>Proxies (addresses or CIDR ranges) whose X-Forwarded-For names the real client. Empty: trust none.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    public uint MinTtl { get; set; } = 5;

    public uint MaxTtl { get; set; } = 86400;

    /// <summary>Request bodies of the record routes larger than this are refused with 413.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024;

    public IReadOnlyList<string> EffectiveAllowedNetworks => AllowedNetworks.Count > 0 ? AllowedNetworks : DefaultAllowedNetworks;

    public IReadOnlyList<string> EffectiveVmDeniedNetworks => VmDeniedNetworks.Count > 0 ? VmDeniedNetworks : DefaultVmDeniedNetworks;
}
