using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;

namespace BetterDns.Zone.Tests;

/// <summary>RRSIG and SIG sets are told apart by the type they cover, in presentation and in generic form.</summary>
public sealed class RRsetTypeTests
{
    private static RData Data(string line) => ZoneFileParser.Parse("$TTL 60\n" + line + "\n", DomainName.Parse("example.")).Records.Single().Data;

    [Theory]
    [InlineData("x RRSIG NS 8 1 60 20260101000000 20250101000000 1 example. AAAA", RecordType.RRSIG, RecordType.NS)]
    [InlineData("x RRSIG ns 8 1 60 20260101000000 20250101000000 1 example. AAAA", RecordType.RRSIG, RecordType.NS)]
    [InlineData("x SIG SOA 8 1 60 20260101000000 20250101000000 1 example. AAAA", RecordType.SIG, RecordType.SOA)]
    [InlineData(@"x RRSIG \# 2 0006", RecordType.RRSIG, RecordType.SOA)]
    [InlineData("x NS ns", RecordType.NS, (RecordType)0)]
    public void GroupsSignaturesByTheTypeTheyCover(string line, RecordType type, RecordType covered) =>
        Assert.Equal(new RRsetType(type, covered), RRsetType.Of(Data(line)));
}
