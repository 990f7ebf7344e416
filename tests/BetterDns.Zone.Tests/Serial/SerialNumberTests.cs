using BetterDns.Zone.Serial;

namespace BetterDns.Zone.Tests.Serial;

public sealed class SerialNumberTests
{
    [Theory]
    [InlineData(1u, 0u, true)]
    [InlineData(0u, 1u, false)]
    [InlineData(5u, 5u, false)]
    [InlineData(0u, 0xFFFFFFFFu, true)]
    [InlineData(0xFFFFFFFFu, 0u, false)]
    [InlineData(0x7FFFFFFFu, 0u, true)]
    [InlineData(0u, 0x7FFFFFFFu, false)]
    [InlineData(0x80000000u, 0u, false)]
    [InlineData(0u, 0x80000000u, false)]
    [InlineData(0x80000001u, 0u, false)]
    [InlineData(0u, 0x80000001u, true)]
    public void ComparesWithWrapAround(uint a, uint b, bool greater) => Assert.Equal(greater, SerialNumber.IsGreater(a, b));

    [Theory]
    [InlineData(1u, 1u, 0)]
    [InlineData(2u, 1u, 1)]
    [InlineData(1u, 2u, -1)]
    [InlineData(0u, 0xFFFFFFFFu, 1)]
    [InlineData(0xFFFFFFFFu, 0u, -1)]
    public void CompareOrdersDefinedPairs(uint a, uint b, int expected) => Assert.Equal(expected, SerialNumber.Compare(a, b));

    [Theory]
    [InlineData(5u)]
    [InlineData(0x80000005u)]
    public void CompareThrowsForTheUndefinedPair(uint a) =>
        Assert.Throws<InvalidOperationException>(() => SerialNumber.Compare(a, unchecked(a + 0x80000000u)));

    [Fact]
    public void AddWrapsAroundAt2To32() => Assert.Equal(4u, SerialNumber.Add(0xFFFFFFFEu, 6));

    [Fact]
    public void AddAcceptsUpTo2To31Minus1()
    {
        Assert.Equal(0x7FFFFFFFu, SerialNumber.Add(0, 0x7FFFFFFF));
        Assert.Throws<ArgumentOutOfRangeException>(() => SerialNumber.Add(0, 0x80000000));
    }

    [Fact]
    public void NextUsesTodaysDateWhenThatIsGreater() =>
        Assert.Equal(2026112501u, SerialNumber.Next(2026112405, new DateOnly(2026, 11, 25)));

    [Fact]
    public void NextCountsUpWithinTheSameDay() =>
        Assert.Equal(2026112503u, SerialNumber.Next(2026112502, new DateOnly(2026, 11, 25)));

    [Fact]
    public void NextIncrementsWhenTheDateIsNotGreater() =>
        Assert.Equal(2026112600u, SerialNumber.Next(2026112599, new DateOnly(2026, 11, 25)));

    [Fact]
    public void NextRollsOverToTheNewDayAfterAHundredChangesYesterday() =>
        Assert.Equal(2026112601u, SerialNumber.Next(2026112600, new DateOnly(2026, 11, 26)));

    [Fact]
    public void NextRollsOverMonthAndYearBoundaries()
    {
        Assert.Equal(2026120101u, SerialNumber.Next(2026113005, new DateOnly(2026, 12, 1)));
        Assert.Equal(2027010101u, SerialNumber.Next(2026123101, new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void NextStartsSmallSerialsAtTheDate() =>
        Assert.Equal(2026112501u, SerialNumber.Next(1, new DateOnly(2026, 11, 25)));

    [Fact]
    public void NextIncrementsSerialsAheadOfTheDateInSerialArithmetic()
    {
        // 4,000,000,000 is greater than 2026112501 (distance below 2^31), so the date is not greater.
        Assert.Equal(4000000001u, SerialNumber.Next(4000000000, new DateOnly(2026, 11, 25)));

        // Wrap-around: 4000010101 is below 0xFFFFFFFF, so the next serial is 0xFFFFFFFF + 1 = 0.
        Assert.Equal(0u, SerialNumber.Next(0xFFFFFFFF, new DateOnly(4000, 1, 1)));

        // And a date below 2^31 is greater than 0xFFFFFFFF in serial arithmetic.
        Assert.Equal(2026112501u, SerialNumber.Next(0xFFFFFFFF, new DateOnly(2026, 11, 25)));
    }

    [Fact]
    public void NextIsAlwaysGreaterThanTheCurrentSerial()
    {
        var today = new DateOnly(2026, 11, 25);
        foreach (var current in new uint[] { 0, 1, 2026112501, 2026112599, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 4294967295 })
        {
            Assert.True(SerialNumber.IsGreater(SerialNumber.Next(current, today), current), $"after {current}");
        }
    }
}
