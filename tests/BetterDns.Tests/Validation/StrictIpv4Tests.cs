using BetterDns.Records;

namespace BetterDns.Tests.Validation;

public sealed class StrictIpv4Tests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.5")]
    [InlineData("255.255.255.255")]
    [InlineData("192.168.100.200")]
    public void AcceptsDottedQuads(string text)
    {
        Assert.True(StrictIpv4.TryParse(text, out var address));
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("010.1.1.1")]
    [InlineData("10.0.0.01")]
    [InlineData("00.0.0.0")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.0.0.1")]
    [InlineData("1000.0.0.1")]
    [InlineData("1..2.3")]
    [InlineData("1.2.3.")]
    [InlineData(".1.2.3")]
    [InlineData(" 1.2.3.4")]
    [InlineData("1.2.3.4 ")]
    [InlineData("1.2.3.4\n")]
    [InlineData("+1.2.3.4")]
    [InlineData("0x1.2.3.4")]
    [InlineData("16909060")]
    [InlineData("::1")]
    [InlineData("::ffff:1.2.3.4")]
    [InlineData("١.٢.٣.٤")]
    [InlineData("")]
    public void RejectsEverythingElse(string text) => Assert.False(StrictIpv4.TryParse(text, out _));
}
