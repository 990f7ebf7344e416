using BetterDns.Auth;

namespace BetterDns.Tests.Auth;

/// <summary>The `--ips` / `ips` claim grammar: dotted quads and CIDR ranges, nothing guessed.</summary>
public sealed class AddressListTests
{
    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5")]
    [InlineData("10.0.0.5/32", "10.0.0.5")]
    [InlineData("10.0.1.0/24", "10.0.1.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void AcceptsAddressesAndRanges(string text, string formatted)
    {
        Assert.True(AddressList.TryParse(text, out var network, out var error), error);
        Assert.Equal(formatted, AddressList.Format(network));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0")]
    [InlineData("010.0.0.1")]
    [InlineData("10.0.0.1 ")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/08")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.1.5/24")]
    [InlineData("10.0.0.0/24/1")]
    public void RefusesAnythingElse(string text)
    {
        Assert.False(AddressList.TryParse(text, out _, out var error));
        Assert.Contains(text, error);
    }

    [Fact]
    public void AListStopsAtItsFirstBadEntry()
    {
        Assert.False(AddressList.TryParseList(["10.0.0.5,10.0.1.0/24", "10.0.0.300"], out _, out var error));
        Assert.Contains("10.0.0.300", error);
        Assert.True(AddressList.TryParseList(["10.0.0.5,10.0.1.0/24", "10.0.0.5"], out var networks, out _));
        Assert.Equal(["10.0.0.5", "10.0.1.0/24"], networks.Select(AddressList.Format));
    }
}
