using BetterDns.Zone.Tests.Bind;
using static BetterDns.Zone.Tests.Parsing.ZoneText;

namespace BetterDns.Zone.Tests.Parsing;

public sealed class BrokenZoneTests
{
    private const string Head = "$TTL 60\n@ SOA ns hm 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n";

    [Theory]
    [InlineData("x A 192.0.2\n")]
    [InlineData("x A 192.0.2.256\n")]
    [InlineData("x AAAA 2001:db8::g\n")]
    [InlineData("x MX mail\n")]
    [InlineData("x TXT \"open\n")]
    [InlineData("x SRV 0 0 70000 t\n")]
    [InlineData("x BOGUS data\n")]
    [InlineData("x ( A 192.0.2.1\n")]
    [InlineData("x A 192.0.2.1 )\n")]
    [InlineData("x TYPE65534 \\# 2 01\n")]
    [InlineData("x CH A 192.0.2.1\n")]
    [InlineData("$FOO bar\n")]
    public void RejectsWhatBindRejects(string broken)
    {
        var bind = BindTools.CheckZone("example.com", Head + broken);

        Assert.NotEqual(0, bind.ExitCode);
        Assert.False(Check(Head + broken).Success);
    }

    [Fact]
    public void TheHeadAloneIsValidForBoth()
    {
        Assert.Equal(0, BindTools.CheckZone("example.com", Head).ExitCode);
        Assert.True(Check(Head).Success);
    }
}
