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

    public static TheoryData<string> NamesInBothForms =>
    [
        "www.example.com.",
        "WWW.Example.COM.",
        @"a\.b.example.com.",
        @"\200x.example.com.",
        @"tab\009\\.example.com.",
        "*.example.com.",
        "_sip._tcp.example.com.",
        ".",
    ];

    [Theory]
    [MemberData(nameof(NamesInBothForms))]
    public void CompactNamesKeepTheirTextAndCase(string text)
    {
        var name = DomainName.Parse(text);
        var compact = name.ToCompact();

        Assert.True(compact.IsCompact);
        Assert.Equal(name.Value, compact.Value);
        Assert.Equal(name.ToString(), compact.ToString());
        Assert.Equal(name.Labels, compact.Labels);
        Assert.Equal(name.WireLength(), compact.WireLength());
        Assert.Equal(name.WireLabels(), compact.WireLabels());
        Assert.True(DomainName.SameText(name, compact));
    }

    [Theory]
    [MemberData(nameof(NamesInBothForms))]
    public void CompactNamesEqualAndHashLikeStringNamesIgnoringCase(string text)
    {
        var name = DomainName.Parse(text);
        var otherCase = DomainName.Parse(text.ToUpperInvariant());
        foreach (var (a, b) in new[] { (name, name.ToCompact()), (name.ToCompact(), otherCase), (otherCase.ToCompact(), name.ToCompact()) })
        {
            Assert.Equal(a, b);
            Assert.True(a == b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
            Assert.Equal(0, a.CompareTo(b));
        }

        // The hash of either form is the string form's hash, as it was before the compact form existed.
        Assert.Equal(StringComparer.OrdinalIgnoreCase.GetHashCode(name.Value), name.ToCompact().GetHashCode());
    }

    [Fact]
    public void CompactNamesTellDifferentNamesAndSpellingsApart()
    {
        var lower = DomainName.Parse("mail.example.com.").ToCompact();
        var upper = DomainName.Parse("MAIL.example.com.");

        Assert.NotEqual(lower, DomainName.Parse("mail.example.org.").ToCompact());
        Assert.NotEqual(lower, DomainName.Parse("mail.example.org."));
        Assert.False(DomainName.SameText(lower, upper));
        Assert.False(DomainName.SameText(lower, upper.ToCompact()));
        Assert.True(lower.CompareTo(DomainName.Parse("www.example.com.")) < 0);
    }

    [Fact]
    public void CompactNamesKnowTheirAncestorsInEitherForm()
    {
        var origin = DomainName.Parse("Example.com.");
        var name = DomainName.Parse("a.b.example.COM.").ToCompact();

        Assert.True(name.IsSubdomainOf(origin));
        Assert.True(name.IsSubdomainOf(origin.ToCompact()));
        Assert.True(origin.IsSubdomainOf(DomainName.Parse("com.").ToCompact()));
        Assert.False(DomainName.Parse("ab.example.com.").ToCompact().IsSubdomainOf(DomainName.Parse("b.example.com.").ToCompact()));
        var escapedDot = DomainName.Parse(@"x\.example.com.").ToCompact();
        Assert.False(escapedDot.IsSubdomainOf(DomainName.Parse("example.com.").ToCompact()));
        Assert.True(escapedDot.IsSubdomainOf(DomainName.Parse("com.").ToCompact()));
        Assert.Equal("a.b", name.ToRelativeString(DomainName.Parse("example.COM.")));
        Assert.Equal(DomainName.Parse("b.example.com."), name.Parent);
    }
}
