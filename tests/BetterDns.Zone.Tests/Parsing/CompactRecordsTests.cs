using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using BetterDns.Zone.Tests.Differential;
using BetterDns.Zone.Writing;

namespace BetterDns.Zone.Tests.Parsing;

/// <summary>
/// <see cref="ZoneParserOptions.CompactRecords"/> holds names as octets and A addresses inline: every valid
/// corpus file must read to the same records, with the same text (case included), and write the same bytes.
/// </summary>
public sealed class CompactRecordsTests
{
    private static readonly ZoneParserOptions Compact = new() { CompactRecords = true };

    public static TheoryData<string> Valid => ZoneCorpus.Valid;

    [Theory]
    [MemberData(nameof(Valid))]
    public void CompactRecordsReadTheSameRecordsWithTheSameText(string file)
    {
        var origin = ZoneCorpus.OriginOf(file);
        var path = ZoneCorpus.FullPath(file);
        var plain = ZoneFileParser.ParseFile(path, origin);
        var compact = ZoneFileParser.ParseFile(path, origin, Compact);

        Assert.Equal(plain, compact);
        Assert.Equal(plain.Records.ToArray(), compact.Records.ToArray());
        Assert.Equal(plain.Records.Select(r => r.ToString()), compact.Records.Select(r => r.ToString()));
        Assert.Equal(plain.Records.Select(r => r.Owner.GetHashCode()), compact.Records.Select(r => r.Owner.GetHashCode()));
        Assert.All(compact.Records.Where(r => !r.Owner.IsRoot), r => Assert.True(r.Owner.IsCompact, $"{r.Owner} is not compact"));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void CompactRecordsWriteTheSameBytes(string file)
    {
        var origin = ZoneCorpus.OriginOf(file);
        var path = ZoneCorpus.FullPath(file);
        var plain = ZoneFileParser.ParseFile(path, origin);
        var compact = ZoneFileParser.ParseFile(path, origin, Compact);

        Assert.Equal(ZoneFileWriter.Write(plain), ZoneFileWriter.Write(compact));
        using var plainCanonical = new StringWriter();
        using var compactCanonical = new StringWriter();
        CanonicalZoneWriter.Write(plain, plainCanonical);
        CanonicalZoneWriter.Write(compact, compactCanonical);
        Assert.Equal(plainCanonical.ToString(), compactCanonical.ToString());
    }

    [Fact]
    public void NamesInRecordDataAreCompactToo()
    {
        var zone = ZoneFileParser.Parse("$TTL 60\nwww CNAME Target.Example.com.\nexample.com. MX 10 Mail\n", DomainName.Parse("example.com."), Compact);

        var target = Assert.IsType<NameData>(zone.Records[0].Data).Target;
        var exchange = Assert.IsType<MxData>(zone.Records[1].Data).Exchange;
        Assert.True(target.IsCompact);
        Assert.Equal("Target.Example.com.", target.Value);
        Assert.True(exchange.IsCompact);
        Assert.Equal("Mail.example.com.", exchange.Value);
    }

    [Fact]
    public void InlineAddressRecordsAreTheSameRecords()
    {
        var origin = DomainName.Parse("example.com.");
        var inline = ZoneFileParser.Parse("$TTL 60\nwww A 192.0.2.7\n", origin, Compact).Records[0];
        var plain = new ResourceRecord(DomainName.Parse("www.example.com."), 60, DnsClass.IN, new AData(0xC0000207));

        Assert.Equal(RecordType.A, inline.Type);
        Assert.Equal(new AData(0xC0000207), inline.Data);
        Assert.True(inline.TryGetAddress(out var address));
        Assert.Equal(0xC0000207u, address);
        Assert.Equal(plain, inline);
        Assert.Equal(inline, plain);
        Assert.Equal(plain.GetHashCode(), inline.GetHashCode());
        Assert.Equal(plain.ToString(), inline.ToString());
        Assert.NotEqual(plain with { Data = new AData(0xC0000208) }, inline);
        Assert.NotEqual(plain, inline with { Ttl = 61 });
        Assert.Equal(plain with { Data = new NameData(RecordType.CNAME, origin) }, inline with { Data = new NameData(RecordType.CNAME, origin) });
        var (owner, ttl, dnsClass, data) = inline;
        Assert.Equal((plain.Owner, 60u, DnsClass.IN, (RData)new AData(0xC0000207)), (owner, ttl, dnsClass, data));
    }

    [Fact]
    public void ReadsAFileExactlyIntoAnUnzeroedArray()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "bytes");
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(path, bytes);
        File.WriteAllBytes(path + ".empty", []);

        Assert.Equal(bytes, ZoneFileParser.ReadAllBytes(path));
        Assert.Empty(ZoneFileParser.ReadAllBytes(path + ".empty"));
    }
}
