using BetterDns.Zone.Model;
using static BetterDns.Zone.Tests.Parsing.ZoneText;

namespace BetterDns.Zone.Tests.Parsing;

public sealed class GrammarTests
{
    [Fact]
    public void AtMeansTheCurrentOrigin() =>
        Assert.Equal(Origin, Single("$TTL 60\n@ A 192.0.2.1\n").Owner);

    [Theory]
    [InlineData("www", "www.example.com.")]
    [InlineData("www.other.org.", "www.other.org.")]
    [InlineData("*.wild", "*.wild.example.com.")]
    [InlineData("*", "*.example.com.")]
    [InlineData("MiXeD.Case", "MiXeD.Case.example.com.")]
    [InlineData(@"a\.b", @"a\.b.example.com.")]
    [InlineData(@"\065\066c", "ABc.example.com.")]
    [InlineData(@"x\@y", @"x\@y.example.com.")]
    [InlineData(@"sp\ ace", @"sp\032ace.example.com.")]
    [InlineData(".", ".")]
    public void ReadsRelativeAbsoluteWildcardAndEscapedOwners(string owner, string expected) =>
        Assert.Equal(expected, Single($"$TTL 60\n{owner} A 192.0.2.1\n").Owner.Value);

    [Fact]
    public void NamesCompareIgnoringCaseButKeepIt()
    {
        var zone = Parse("$TTL 60\nWWW A 192.0.2.1\nwww A 192.0.2.2\n");
        Assert.Equal(zone.Records[0].Owner, zone.Records[1].Owner);
        Assert.Equal("WWW.example.com.", zone.Records[0].Owner.Value);
    }

    [Fact]
    public void ALineStartingWithBlankSpaceBelongsToThePreviousOwner()
    {
        var zone = Parse("$TTL 60\nwww A 192.0.2.1\n    A 192.0.2.2\n\tAAAA 2001:db8::1\n\n; comment\n  TXT \"x\"\nmail A 192.0.2.3\n");

        Assert.Equal(["www", "www", "www", "www", "mail"], zone.Records.Select(r => r.Owner.ToRelativeString(Origin)));
    }

    [Fact]
    public void ABlankOwnerWithNoPreviousRecordIsAnError()
    {
        var error = SingleError("$TTL 60\n  A 192.0.2.1\n");
        Assert.Equal((2, 3), (error.Line, error.Column));
    }

    [Fact]
    public void ParenthesesJoinLinesAndMayHoldComments()
    {
        var soa = Assert.IsType<SoaData>(Single("""
            @ 3600 IN SOA ns1.example.com. ( ; primary
                    hostmaster   ; mailbox ( with a parenthesis in the comment
                    2024010101   ; serial
                    3h 1h        ; refresh, retry
                    1w           ; expire
                    5m )         ; minimum
            """).Data);

        Assert.Equal(new SoaData(Name("ns1.example.com."), Name("hostmaster.example.com."), 2024010101, 10800, 3600, 604800, 300), soa);
    }

    [Fact]
    public void AnUnclosedParenthesisIsAnErrorAtTheParenthesis()
    {
        var error = SingleError("$TTL 60\n@ SOA ns hm ( 1 2 3\n 4 5\n");
        Assert.Equal((2, 13), (error.Line, error.Column));
        Assert.Contains("unbalanced parenthesis", error.Message);
    }

    [Fact]
    public void AClosingParenthesisWithoutAnOpeningOneIsAnError()
    {
        var error = SingleError("$TTL 60\nwww A 192.0.2.1 )\n");
        Assert.Equal((2, 17), (error.Line, error.Column));
        Assert.Contains("unbalanced parenthesis", error.Message);
    }

    [Fact]
    public void CommentsMayFollowAnythingAndSemicolonsInQuotesAreText()
    {
        var txt = Assert.IsType<TxtData>(Single("$TTL 60\nt TXT \"a;b\" ; \"not a string\"\n").Data);
        Assert.Equal(["a;b"], txt.Strings.ToArray());
    }

    [Fact]
    public void QuotedStringsUnderstandEscapes()
    {
        var txt = Assert.IsType<TxtData>(Single("$TTL 60\nt TXT \"q\\\"uote\" \"back\\\\slash\" \"\\255\\000\\065\" \"\\x\"\n").Data);
        Assert.Equal(["q\"uote", "back\\slash", "\u00ff\0A", "x"], txt.Strings.ToArray());
    }

    [Fact]
    public void AnUnterminatedQuoteIsAnErrorAndTheNextLineStillParses()
    {
        var result = Check("$TTL 60\nt TXT \"open\nu TXT \"fine\"\n");
        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 7), (error.Line, error.Column));
        Assert.Contains("unterminated quoted string", error.Message);
        Assert.Equal(Name("u.example.com."), Assert.Single(result.Zone.Records).Owner);
    }

    [Fact]
    public void TypeAndClassMnemonicsIgnoreCase() =>
        Assert.Equal(RecordType.MX, Single("$TTL 60\n@ in mx 10 mail\n").Type);

    [Fact]
    public void OnlyTheInternetClassIsAccepted()
    {
        var error = SingleError("$TTL 60\nwww CH A 192.0.2.1\n");
        Assert.Equal("class CH does not match the zone's class IN", error.Message);
    }

    [Fact]
    public void AByteOrderMarkIsIgnored()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "$TTL 60\nwww A 192.0.2.1\n"u8];
        Assert.Single(BetterDns.Zone.Parsing.ZoneFileParser.Parse(bytes, Origin).Records);
    }

    [Fact]
    public void CarriageReturnLineEndsAreAccepted() =>
        Assert.Equal(2, Parse("$TTL 60\r\nwww A 192.0.2.1\r\n  A 192.0.2.2\r\n").Records.Length);
}
