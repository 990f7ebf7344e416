using BetterDns.Common;

namespace BetterDns.Tests.Common;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("5s", 5_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData("00:00:10", 10_000)]
    public void ReadsANumberWithAUnitOrATimeSpan(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationText.TryParse(text));

    [Theory]
    [InlineData("10")]
    [InlineData("-5s")]
    [InlineData("0s")]
    [InlineData("5x")]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData(null)]
    public void RejectsBareNumbersNegativesAndWords(string? text) => Assert.Null(DurationText.TryParse(text));

    // Found by the reliability suite's fuzzer: GET /a/x?wait=999999999d answered 500 (TimeSpan overflow).
    [Theory]
    [InlineData("999999999d")]
    [InlineData("999999999w")]
    [InlineData("999999999h")]
    public void RejectsDurationsLongerThanATimeSpanHolds(string text) => Assert.Null(DurationText.TryParse(text));

    [Theory]
    [InlineData(250, "250ms")]
    [InlineData(10_000, "10s")]
    [InlineData(300_000, "5m")]
    [InlineData(259_200_000, "72h")]
    public void FormatsInTheLargestExactUnit(long milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
