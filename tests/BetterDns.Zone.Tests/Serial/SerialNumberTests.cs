using BetterDns.Zone.Serial;

namespace BetterDns.Zone.Tests.Serial;

public sealed class SerialNumberTests
{
    [Theory]
    [InlineData(1u, 0u, true)]
    [InlineData(0u, 1u, false)]
    [InlineData(0u, 0xFFFFFFFFu, true)]
    [InlineData(0x7FFFFFFFu, 0u, true)]
    [InlineData(0x80000000u, 0u, false)]
    [InlineData(0u, 0x80000000u, false)]
    public void ComparesWithWrapAround(uint a, uint b, bool greater) => Assert.Equal(greater, SerialNumber.IsGreater(a, b));

    [Fact]
    public void CompareThrowsForTheUndefinedPair() =>
        Assert.Throws<InvalidOperationException>(() => SerialNumber.Compare(5, 5 + 0x80000000u));

    [Fact]
    public void NextUsesTodaysDateWhenThatIsGreater() =>
        Assert.Equal(2026112501u, SerialNumber.Next(2026112405, new DateOnly(2026, 11, 25)));

    [Fact]
    public void NextIncrementsWhenTheDateIsNotGreater() =>
        Assert.Equal(2026112600u, SerialNumber.Next(2026112599, new DateOnly(2026, 11, 25)));
}
