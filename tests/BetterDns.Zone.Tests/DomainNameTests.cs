using BetterDns.Zone.Model;

namespace BetterDns.Zone.Tests;

public sealed class DomainNameTests
{
    private static readonly DomainName Origin = DomainName.Parse("example.com.");

    [Theory]
    [InlineData("www", "www.example.com.")]
    [InlineData("@", "example.com.")]
    [InlineData("WWW.Example.COM.", "WWW.Example.COM.")]
    [InlineData(@"a\.b", @"a\.b.example.com.")]
    [InlineData(@"\065bc", "Abc.example.com.")]
    public void ParsesRelativeAndAbsoluteNames(string text, string expected) =>
        Assert.Equal(expected, DomainName.Parse(text, Origin).Value);

    [Fact]
    public void ComparesIgnoringCaseButPreservesIt()
    {
        var upper = DomainName.Parse("WWW.EXAMPLE.COM.");
        var lower = DomainName.Parse("www.example.com.");
        Assert.Equal(upper, lower);
        Assert.Equal(upper.GetHashCode(), lower.GetHashCode());
        Assert.Equal("WWW.EXAMPLE.COM.", upper.Value);
    }

    [Fact]
    public void RejectsLabelsLongerThan63Octets()
    {
        var error = Assert.Throws<FormatException>(() => DomainName.Parse(new string('a', 64), Origin));
        Assert.Contains("64 octets", error.Message);
        Assert.Equal(63, DomainName.Parse(new string('a', 63), Origin).Labels[0].Length);
    }

    [Fact]
    public void RejectsNamesLongerThan255Octets()
    {
        var label = new string('a', 63);
        var name = string.Join('.', label, label, label, label) + ".";
        var error = Assert.Throws<FormatException>(() => DomainName.Parse(name));
        Assert.Contains("257 octets", error.Message);
    }

    [Theory]
    [InlineData("a..b.")]
    [InlineData(".a.")]
    public void RejectsEmptyLabels(string text) =>
        Assert.Throws<FormatException>(() => DomainName.Parse(text));

    [Theory]
    [InlineData("www.example.com.", "www")]
    [InlineData("example.com.", "@")]
    [InlineData("example.org.", "example.org.")]
    [InlineData("badexample.com.", "badexample.com.")]
    public void WritesNamesRelativeToTheOriginWhereShorter(string name, string expected) =>
        Assert.Equal(expected, DomainName.Parse(name).ToRelativeString(Origin));

    [Fact]
    public void OrdersCanonicallyFromTheRightmostLabel()
    {
        var names = new[] { "z.a.example.", "a.example.", "example.", "Z.a.example.", "yljkjljk.a.example." }
            .Select(n => DomainName.Parse(n)).Order().Select(n => n.Value.ToLowerInvariant()).ToArray();
        Assert.Equal(["example.", "a.example.", "yljkjljk.a.example.", "z.a.example.", "z.a.example."], names);
    }
}
