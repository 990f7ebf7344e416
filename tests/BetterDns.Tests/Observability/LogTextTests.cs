using BetterDns.Observability.Logging;

namespace BetterDns.Tests.Observability;

/// <summary>What the logger factory escapes: everything that can end a line, forge one or steer a terminal; nothing else.</summary>
public sealed class LogTextTests
{
    [Theory]
    [InlineData("a\rb", @"a\rb")]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\tb", @"a\tb")]
    [InlineData("a\u001b[31mb", @"a\u001b[31mb")]
    [InlineData("a\u0000b", @"a\u0000b")]
    [InlineData("a\u007fb", @"a\u007fb")]
    [InlineData("a\u0085b", @"a\u0085b")]
    [InlineData("a\u009bb", @"a\u009bb")]
    [InlineData("a\u2028b\u2029c", @"a\u2028b\u2029c")]
    [InlineData("a\u202eb\u2066c", @"a\u202eb\u2066c")]
    public void ControlCharactersAreWrittenAsEscapes(string raw, string logged) => Assert.Equal(logged, LogText.Escape(raw));

    [Theory]
    [InlineData("kernel upgrade")]
    [InlineData("ünïcödé ｗｅｂ 😀 \\n")]
    public void OtherTextIsKeptAsItIs(string text)
    {
        Assert.True(LogText.IsSafe(text));
        Assert.Same(text, LogText.Escape(text));
    }

    [Fact]
    public void StructuredValuesKeepTheirTypeUnlessTheirTextNeedsEscaping()
    {
        Assert.Equal(42, LogText.Value(42));
        Assert.Equal(@"a\nb", LogText.Value("a\nb"));
        Assert.Equal(@"a\nb", LogText.Value(new System.Text.StringBuilder("a\nb")));
        Assert.Equal(@"\n", LogText.Value('\n'));
        var address = System.Net.IPAddress.Loopback;
        Assert.Same(address, LogText.Value(address));
    }
}
