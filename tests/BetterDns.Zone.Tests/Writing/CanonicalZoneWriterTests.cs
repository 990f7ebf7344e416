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
    public void KeepsOneTtlPerCoveredTypeForRrsigs()
    {
        const string zoneText = """
            @ 86400 RRSIG SOA 8 2 86400 20260101000000 20250101000000 1 example.com. AAAA
            @ 518400 RRSIG NS 8 2 518400 20260101000000 20250101000000 1 example.com. AAAA
            @ 300 RRSIG NS 8 2 518400 20260101000000 20250101000000 2 example.com. BBBB
            """;
        var zone = ZoneFileParser.Parse(zoneText, Origin);
        using var output = new StringWriter();
        CanonicalZoneWriter.Write(zone, output);

        var ttls = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')).Select(f => $"{f[4]} {f[1]}").Order(StringComparer.Ordinal);
        Assert.Equal(["NS 518400", "NS 518400", "SOA 86400"], ttls);
    }

    [Fact]
    public void PrintsRecordsThatDifferOnlyInTheCaseOfANameOnceSpelledAsTheLast()
    {
        const string zoneText = """
            www 300 MX 10 Mail.example.com.
            WWW 300 MX 10 mail.example.com.
            www 300 TXT "abc"
            www 300 TXT "abc"
            www 300 TXT "Abc"
            www 300 NSEC A.example.com. A
            www 300 NSEC a.example.com. A
            """;
        var zone = ZoneFileParser.Parse(zoneText, Origin);
        using var output = new StringWriter();
        CanonicalZoneWriter.Write(zone, output);

        Assert.Equal(
            [
                "www.example.com. 300 IN MX 10 mail.example.com.",
                "www.example.com. 300 IN NSEC A.example.com. A",
                "www.example.com. 300 IN NSEC a.example.com. A",
                "www.example.com. 300 IN TXT \"Abc\"",
                "www.example.com. 300 IN TXT \"abc\"",
            ],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
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

    [Fact]
    public void AgreesWithNamedCompilezoneOnEscapesDirectivesAndMultiLineRecords()
    {
        const string zoneText = """
            $ORIGIN example.com.
            $TTL 1h
            @ IN SOA ns1 ( hostmaster.example.com. ; mailbox
                 2024010101 ; serial
                 3H 1h 1W 5M ) ; timers
              IN NS ns1
              IN NS ns2.example.net.
              IN MX 0 .
            ns1 IN 300 A 192.0.2.1
            dkim._domainkey TXT ( "v=DKIM1; k=rsa; "
                "p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu5n8Q0vX7yGz3QK6hY1mAt9cQk2yF+7bXzB8HkXk3f0dQvF7k5pQdL0eWw2Gg4ZbV0y8w4QJmE+Q1Yxq"
                "XyZ" )
            spaced TXT unquoted\ word "tab\009end" \"q
            _xmpp._tcp SRV 10 0 5222 .
            $ORIGIN Sub.Example.COM.
            deep.er 2d IN CNAME @
            *.wild AAAA 2001:db8::1
            rel PTR ns1.example.com.
            """;
        using var ours = new StringWriter();
        CanonicalZoneWriter.Write(ZoneFileParser.Parse(zoneText, Origin), ours);

        var bind = BindTools.CompileZone("example.com", zoneText);

        Assert.True(bind.ExitCode == 0, bind.Output + bind.Errors);
        Assert.Equal(BindTools.Normalise(bind.Output), BindTools.Normalise(ours.ToString()));
    }
}
