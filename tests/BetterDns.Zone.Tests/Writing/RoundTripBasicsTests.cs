using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using BetterDns.Zone.Writing;

namespace BetterDns.Zone.Tests.Writing;

public sealed class RoundTripBasicsTests
{
    private static readonly DomainName Origin = DomainName.Parse("example.com.");

    [Fact]
    public void WrittenZoneParsesBackToTheNormalizedZone()
    {
        var zone = ZoneFileParser.Parse("""
            $TTL 300
            zz   A 192.0.2.9
            @    SOA ns1 hostmaster 1 2 3 4 5
            www  TXT "v=spf1 -all" "semi;colon" "quote\"and\\back\255"
            @    NS ns1.other.org.
            _sip._tcp SRV 0 5 5060 sip
            @    CAA 0 issue "letsencrypt.org"
            x    TYPE65534 \# 3 abcdef
            x    DS 12345 8 2 ABCDEF
            x    AAAA 2001:db8::1
            """, Origin);

        var text = ZoneFileWriter.Write(zone);
        var reparsed = ZoneFileParser.Parse(text, Origin);

        Assert.Equal(ZoneFileWriter.Normalize(zone), reparsed);
        Assert.StartsWith("$ORIGIN example.com.\n$TTL 300\n@", text);
        Assert.Equal(RecordType.SOA, reparsed.Records[0].Type);
        Assert.Equal(RecordType.NS, reparsed.Records[1].Type);
    }
}
