using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;

namespace BetterDns.Zone.Tests.Parsing;

public sealed class ParserBasicsTests
{
    private static readonly DomainName Origin = DomainName.Parse("example.com.");

    private static DnsZone Parse(string text) => ZoneFileParser.Parse(text, Origin);

    [Fact]
    public void ParsesAHostingProvidersDefaultZone()
    {
        var zone = Parse("""
            $TTL 1h
            @   IN SOA ns1 hostmaster ( 2024010101 ; serial
                        3h 1h 1w 5m )
                IN NS  ns1
                IN MX  10 mail
            ns1     A   192.0.2.1
            mail    A   192.0.2.2
            www  300 IN CNAME @
            """);

        Assert.Equal(3600u, zone.DefaultTtl);
        Assert.Equal(6, zone.Records.Length);
        var soa = Assert.IsType<SoaData>(zone.Records[0].Data);
        Assert.Equal(DomainName.Parse("ns1.example.com."), soa.PrimaryNameServer);
        Assert.Equal(2024010101u, soa.Serial);
        Assert.Equal((10800u, 3600u, 604800u, 300u), (soa.Refresh, soa.Retry, soa.Expire, soa.Minimum));
        Assert.Equal(Origin, zone.Records[2].Owner);
        Assert.Equal(new MxData(10, DomainName.Parse("mail.example.com.")), zone.Records[2].Data);
        Assert.Equal(new ResourceRecord(DomainName.Parse("www.example.com."), 300, DnsClass.IN, new NameData(RecordType.CNAME, Origin)), zone.Records[5]);
        Assert.All(zone.Records.Take(5), r => Assert.Equal(3600u, r.Ttl));
    }

    [Fact]
    public void ReportsTheFileLineAndColumnOfABadAddress()
    {
        var error = Assert.Throws<ZoneFileFormatException>(() => ZoneFileParser.Parse(
            "$TTL 60\nwww  A  010.1.1.1\n", Origin, new ZoneParserOptions { FileName = "db.example" }));

        Assert.Equal("db.example:2:9: expected an IPv4 address, found '010.1.1.1'", error.Message);
        Assert.Equal((2, 9), (error.Line, error.Column));
    }

    [Fact]
    public void CheckReportsEveryBrokenRecordAndKeepsTheRest()
    {
        var result = ZoneFileParser.Check("$TTL 60\na A 1.2.3\nb A 1.2.3.4\nc FOO x\nd MX ten mail\n"u8, Origin);

        Assert.False(result.Success);
        Assert.Equal([2, 4, 5], result.Errors.Select(e => e.Line));
        Assert.Equal("expected a TTL, class or type, found 'FOO'", result.Errors[1].Message);
        Assert.Single(result.Zone.Records);
    }
}
