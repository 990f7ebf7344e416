using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using BetterDns.Zone.Tests.Bind;
using BetterDns.Zone.Writing;

namespace BetterDns.Zone.Tests.Writing;

public sealed class CanonicalZoneWriterTests
{
    private static readonly DomainName Origin = DomainName.Parse("example.com.");

    [Fact]
    public void FormatsOneRecordWithAbsoluteNames()
    {
        var record = new ResourceRecord(DomainName.Parse("www.example.com."), 300, DnsClass.IN, new MxData(10, DomainName.Parse("mail.example.com.")));
        Assert.Equal("www.example.com. 300 IN MX 10 mail.example.com.", CanonicalZoneWriter.Format(record));
    }

    [Fact]
    public void GivesEveryRecordOfAnRrsetTheFirstRecordsTtl()
    {
        var zone = ZoneFileParser.Parse("www 300 A 192.0.2.1\nwww 600 A 192.0.2.2\nwww 900 TXT x\n", Origin);
        using var output = new StringWriter();
        CanonicalZoneWriter.Write(zone, output);

        Assert.Equal(
            "www.example.com. 300 IN A 192.0.2.1\nwww.example.com. 300 IN A 192.0.2.2\nwww.example.com. 900 IN TXT \"x\"\n",
            output.ToString());
    }

    [Fact]
    public void PrintsTheSameRecordsAsNamedCompilezone()
    {
        const string zoneText = """
            $TTL 300
            @ IN SOA NS1.Example.COM. hostmaster ( 1 2h 3m 4w 5d )
            @ NS ns1
            @ MX 10 @
            ns1 A 192.0.2.1
            WWW A 192.0.2.2
            www 600 A 192.0.2.3
            v6 AAAA 2001:DB8:0:0::1
            v4m AAAA ::ffff:1.2.3.4
            _sip._tcp SRV 0 5 5060 sip
            c CAA 128 issue "le;org"
            t TXT "a\"b\\c\200\009" plain "x y"
            a\.b A 192.0.2.3
            x\@y CNAME www
            *.w A 192.0.2.4
            u TYPE65534 \# 3 ABCDEF
            e TYPE65535 \# 0
            long TYPE65533 \# 70 ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB
            h HINFO c\"pu "os x"
            g A \# 4 C0000202
            $ORIGIN sub.example.com.
            p PTR host.example.org.
            d DNAME example.net.
            """;
        var zone = ZoneFileParser.Parse(zoneText, Origin);
        using var ours = new StringWriter();
        CanonicalZoneWriter.Write(zone, ours);

        var bind = BindTools.CompileZone("example.com", zoneText);

        Assert.True(bind.ExitCode == 0, bind.Output + bind.Errors);
        Assert.Equal(BindTools.Normalise(bind.Output), BindTools.Normalise(ours.ToString()));
    }

    [Fact]
    public void ResolvesRrsetTtlsAndOwnerSpellingAsNamedCompilezoneDoes()
    {
        const string zoneText = """
            $TTL 300
            @ SOA ns hm 1 2 3 4 5
            @ NS ns
            ns A 192.0.2.1
            a 300 A 10.0.0.1
            a 600 A 10.0.0.2
            B 300 A 10.0.0.1
            b 600 A 10.0.0.2
            c 600 A 10.0.0.1
              300 A 10.0.0.2
            d 300 A 10.0.0.1
            x A 10.0.0.9
            d 600 A 10.0.0.2
            f 600 A 10.0.0.1
            F A 10.0.0.2
            outside.example.org. A 10.0.0.3
            """;
        using var ours = new StringWriter();
        CanonicalZoneWriter.Write(ZoneFileParser.Parse(zoneText, Origin), ours);

        var bind = BindTools.CompileZone("example.com", zoneText);

        Assert.True(bind.ExitCode == 0, bind.Output + bind.Errors);
        Assert.Equal(BindTools.Normalise(bind.Output), BindTools.Normalise(ours.ToString()));
    }
}
