namespace BetterDns.Dns;

/// <summary>Which DNS server answers for the zone (<c>Dns:Server</c>).</summary>
public enum DnsServerKind
{
    /// <summary>The server inside BetterDns, answering from the in-memory snapshot.</summary>
    Embedded,

    /// <summary>A supervised <c>coredns</c> child process serving the zone file with its <c>file</c> plugin.</summary>
    CoreDns,

    /// <summary>Any supervised authoritative server given its command line (BIND, Knot, …).</summary>
    Process,
}
