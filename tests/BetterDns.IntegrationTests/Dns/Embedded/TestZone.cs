using System.Net;
using BetterDns.Zone.Model;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>A zone with one of every answer kind the embedded server gives.</summary>
internal static class TestZone
{
    public static readonly DomainName Origin = DomainName.Parse("example.test.");

    /// <summary>Members of the round-robin pool "pool.example.test.".</summary>
    public static readonly string[] Pool = ["10.0.1.1", "10.0.1.2", "10.0.1.3", "10.0.1.4"];

    /// <summary>"big.example.test." holds this many A records: 40 × 16 octets is more than 512.</summary>
    public const int BigPoolSize = 40;

    /// <summary>The SOA's own TTL and its MINIMUM: negative answers carry the smaller (RFC 2308).</summary>
    public const uint SoaTtl = 3600;
    public const uint SoaMinimum = 300;

    /// <summary>The second TXT string: a quote, a backslash, a NUL, a semicolon and octet 0xFF.</summary>
    public const string OddText = "a\"b\\c\0d;e\u00ff";

    public static DnsZone Build(string webAddress = "10.0.0.5")
    {
        var records = new List<ResourceRecord>
        {
            R("@", SoaTtl, new SoaData(N("ns1"), N("hostmaster"), 2026112501, 3600, 600, 86400, SoaMinimum)),
            R("@", 3600, new NameData(RecordType.NS, N("ns1"))),
            R("ns1", 3600, A("192.0.2.53")),
            R("web-1", 60, A(webAddress)),
            R("v6", 60, new AaaaData(IPAddress.Parse("2001:db8::1"))),
            R("@", 3600, new MxData(10, N("mail"))),
            R("mail", 3600, A("192.0.2.25")),
            R("mail", 3600, new AaaaData(IPAddress.Parse("2001:db8::25"))),
            R("txt", 60, new TxtData(["hello world", OddText])),
            R("_sip._tcp", 60, new SrvData(10, 60, 5060, N("sip"))),
            R("sip", 60, A("192.0.2.60")),
            R("alias", 60, new NameData(RecordType.CNAME, N("chain"))),
            R("chain", 60, new NameData(RecordType.CNAME, N("web-1"))),
            R("external", 60, new NameData(RecordType.CNAME, DomainName.Parse("www.elsewhere.org."))),
            R("dangling", 60, new NameData(RecordType.CNAME, N("missing"))),
            R("loop1", 60, new NameData(RecordType.CNAME, N("loop2"))),
            R("loop2", 60, new NameData(RecordType.CNAME, N("loop1"))),
            R("ptr", 60, new NameData(RecordType.PTR, N("web-1"))),
            R("dname", 60, new NameData(RecordType.DNAME, DomainName.Parse("elsewhere.org."))),
            R("host.deep.ent", 60, A("10.0.2.1")),
            R("*.wild", 60, A("10.9.9.9")),
            R("*.wild", 60, new TxtData(["wild"])),
            R("sub", 3600, new NameData(RecordType.NS, N("ns.sub"))),
            R("ns.sub", 3600, A("192.0.2.100")),
            R("caa", 60, new CaaData(0, "issue", "letsencrypt.org")),
            R("unknown", 60, new UnknownData((RecordType)65280, [0xAB, 0xCD, 0xEF])),
            R("opaque", 60, new OpaqueData(RecordType.SSHFP, ["1", "1", "0123456789ABCDEF0123456789ABCDEF01234567"])),
        };
        records.AddRange(Pool.Select(ip => R("pool", 60, A(ip))));
        records.AddRange(Enumerable.Range(1, BigPoolSize).Select(i => R("big", 60, A($"10.1.0.{i}"))));
        return new DnsZone(Origin, 3600, records);
    }

    public static DomainName N(string relative) => DomainName.Parse(relative, Origin);

    private static ResourceRecord R(string owner, uint ttl, RData data) => new(N(owner), ttl, DnsClass.IN, data);

    private static AData A(string address) => new(IPAddress.Parse(address));
}
