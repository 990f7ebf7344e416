using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using BetterDns.Zone.Writing;

namespace BetterDns.Zone.Tests.Differential;

/// <summary>
/// Bugs the BIND differential corpus found, pinned down as small cases so they stay fixed
/// (the corpus file that found each one is named).
/// </summary>
public sealed class CorpusFindingsTests
{
    /// <summary>https-svcb.zone: BIND reads <c>alpn="h2,h3"</c> as one SvcParam.</summary>
    [Fact]
    public void ReadsASvcParamWithAQuotedValueAsOneField()
    {
        var zone = ZoneFileParser.Parse("www 300 IN HTTPS 1 . alpn=\"h2,h3\" port=8443\n", DomainName.Parse("example.com."));

        var data = Assert.IsType<OpaqueData>(Assert.Single(zone.Records).Data);
        Assert.Equal(["1", ".", "alpn=\"h2,h3\"", "port=8443"], data.Fields.ToArray());
    }

    [Fact]
    public void KeepsAQuotedStringAfterAWordAsItsOwnFieldOutsideSvcParams()
    {
        var zone = ZoneFileParser.Parse("t 300 IN TXT abc\"def\"\n", DomainName.Parse("example.com."));

        Assert.Equal(["abc", "def"], Assert.IsType<TxtData>(Assert.Single(zone.Records).Data).Strings.ToArray());
    }

    /// <summary>mixed-case.zone: names whose suffix is the origin in another case kept that case through write and read.</summary>
    [Theory]
    [InlineData("Mail.Example.Com.")]
    [InlineData("example.com.")]
    [InlineData("WWW.EXAMPLE.COM.")]
    public void WriterKeepsTheCaseOfNamesThatSpellTheOriginDifferently(string name)
    {
        var origin = DomainName.Parse("Example.COM.");
        var target = DomainName.Parse(name);
        var zone = new DnsZone(origin, 300, [
            new ResourceRecord(origin, 300, DnsClass.IN, new SoaData(DomainName.Parse("ns1.Example.COM."), DomainName.Parse("h.Example.COM."), 1, 2, 3, 4, 5)),
            new ResourceRecord(target, 300, DnsClass.IN, new MxData(10, target)),
        ]);

        var reparsed = ZoneFileParser.Parse(ZoneFileWriter.Write(zone), origin);

        Assert.Equal(
            ZoneFileWriter.Normalize(zone).Records.Select(r => r.ToString()),
            reparsed.Records.Select(r => r.ToString()));
    }

    /// <summary>mixed-case.zone: BIND keeps the owner's spelling per RRset, not per name.</summary>
    [Fact]
    public void CanonicalOutputSpellsEachRRsetsOwnerAsItsFirstRecord()
    {
        var zone = ZoneFileParser.Parse(
            "$TTL 60\nMAIL MX 10 mx\nMail A 192.0.2.1\nmail MX 20 mx2\n", DomainName.Parse("example.com."));
        using var output = new StringWriter();

        CanonicalZoneWriter.Write(zone, output);

        Assert.Equal(
            [
                "Mail.example.com. 60 IN A 192.0.2.1",
                "MAIL.example.com. 60 IN MX 10 mx.example.com.",
                "MAIL.example.com. 60 IN MX 20 mx2.example.com.",
            ],
            output.ToString().TrimEnd('\n').Split('\n'));
    }
}
