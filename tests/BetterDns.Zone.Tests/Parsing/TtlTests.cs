using BetterDns.Zone.Parsing;
using static BetterDns.Zone.Tests.Parsing.ZoneText;

namespace BetterDns.Zone.Tests.Parsing;

public sealed class TtlTests
{
    [Theory]
    [InlineData("3600", 3600u)]
    [InlineData("1h30m", 5400u)]
    [InlineData("2W", 1209600u)]
    [InlineData("1d", 86400u)]
    [InlineData("1D2h3M4s", 93784u)]
    [InlineData("0", 0u)]
    [InlineData("4294967295", 4294967295u)]
    public void ReadsBindTtlUnits(string text, uint seconds)
    {
        Assert.True(Numbers.TryParseTtl(System.Text.Encoding.ASCII.GetBytes(text), out var ttl));
        Assert.Equal(seconds, ttl);
    }

    [Theory]
    [InlineData("1x")]
    [InlineData("1h1h")]
    [InlineData("h")]
    [InlineData("1h30")]
    [InlineData("4294967296")]
    [InlineData("7102w")]
    public void RejectsMalformedTtls(string text) =>
        Assert.False(Numbers.TryParseTtl(System.Text.Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void TtlAndClassMayComeInEitherOrder()
    {
        var zone = Parse("a 60 IN A 192.0.2.1\nb IN 70 A 192.0.2.2\nc IN A 192.0.2.3\nd 80 A 192.0.2.4\n");

        Assert.Equal([60u, 70u, 70u, 80u], zone.Records.Select(r => r.Ttl));
    }

    [Fact]
    public void DollarTtlWinsOverTheLastExplicitTtlAsInBind()
    {
        var zone = Parse("$TTL 100\na 200 A 192.0.2.1\nb A 192.0.2.2\n");

        Assert.Equal([200u, 100u], zone.Records.Select(r => r.Ttl));
    }

    [Fact]
    public void WithoutDollarTtlTheLastExplicitTtlIsUsed()
    {
        var zone = Parse("a 200 A 192.0.2.1\nb A 192.0.2.2\n");

        Assert.Equal([200u, 200u], zone.Records.Select(r => r.Ttl));
        Assert.Null(zone.DefaultTtl);
    }

    [Fact]
    public void AnSoaWithoutAnyTtlTakesItsMinimumAndMakesItTheDefault()
    {
        var zone = Parse("@ SOA ns hostmaster 1 2 3 4 1h\nb A 192.0.2.2\n");

        Assert.Equal([3600u, 3600u], zone.Records.Select(r => r.Ttl));
    }

    [Fact]
    public void TheCallersDefaultTtlIsTheLastResort()
    {
        var zone = Parse("b A 192.0.2.2\n", new ZoneParserOptions { DefaultTtl = 42 });

        Assert.Equal(42u, Assert.Single(zone.Records).Ttl);
    }

    [Fact]
    public void ARecordWithNoTtlAnywhereIsAnError()
    {
        var error = SingleError("b A 192.0.2.2\n");
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.StartsWith("no TTL", error.Message);
    }

    [Fact]
    public void TtlsWithTheTopBitSetLoadAsZeroAsInBind() =>
        Assert.Equal(0u, Single("a 3000000000 A 192.0.2.1\n").Ttl);

    [Fact]
    public void ABadTtlIsReportedAtItsColumn()
    {
        var error = SingleError("www 1x A 192.0.2.1\n");
        Assert.Equal("<input>:1:5: expected a TTL (seconds or like 1h30m), found '1x'", error.ToString());
    }
}
