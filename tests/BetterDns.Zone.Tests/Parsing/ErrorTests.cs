using BetterDns.Zone.Parsing;
using static BetterDns.Zone.Tests.Parsing.ZoneText;

namespace BetterDns.Zone.Tests.Parsing;

public sealed class ErrorTests
{
    [Fact]
    public void RejectsLabelsLongerThan63Octets()
    {
        var error = SingleError($"$TTL 60\nok.{new string('a', 64)} A 192.0.2.1\n");
        Assert.Equal((2, 1), (error.Line, error.Column));
        Assert.Equal("label is 64 octets long, the limit is 63", error.Message);
        Assert.Single(Parse($"$TTL 60\n{new string('a', 63)} A 192.0.2.1\n").Records);
    }

    [Fact]
    public void CountsEscapedOctetsInLabelLength() =>
        Assert.Equal("label is 64 octets long, the limit is 63", SingleError($"$TTL 60\n{string.Concat(Enumerable.Repeat("\\065", 64))} A 192.0.2.1\n").Message);

    [Fact]
    public void RejectsNamesLongerThan255OctetsIncludingTheOrigin()
    {
        // 4 labels of 60 octets = 244 octets, plus example.com. (13) = 257.
        var label = new string('a', 60);
        var error = SingleError($"$TTL 60\n{label}.{label}.{label}.{label} A 192.0.2.1\n");
        Assert.Equal("name is 257 octets long, the limit is 255", error.Message);
    }

    [Fact]
    public void RejectsEmptyLabels() =>
        Assert.Equal("empty label in 'a..b'", SingleError("$TTL 60\nx CNAME a..b\n").Message);

    [Fact]
    public void SaysWhatWasExpectedInsteadOfAnUnknownType()
    {
        var error = SingleError("$TTL 60\nwww foo A 192.0.2.1\n");
        Assert.Equal("<input>:2:5: expected a TTL, class or type, found 'foo'", error.ToString());
        Assert.Equal("expected a class or type, found 'bar'", SingleError("www 60 bar A 192.0.2.1\n").Message);
        Assert.Equal("expected a TTL or type, found 'bar'", SingleError("$TTL 60\nwww IN bar A 192.0.2.1\n").Message);
        Assert.Equal("expected a type, found 'bar'", SingleError("www IN 60 bar\n").Message);
    }

    [Fact]
    public void AnOwnerAloneIsMissingItsType()
    {
        var error = SingleError("$TTL 60\nwww\n");
        Assert.Equal((2, 4), (error.Line, error.Column));
        Assert.Equal("expected a TTL, class or type, found the end of the record", error.Message);
    }

    [Fact]
    public void CheckGoesOnAfterEachBrokenRecordAndReportsThemAll()
    {
        var result = Check("""
            $TTL 60
            a A 1.2.3
            b A 192.0.2.2
            c ( MX ten
                ) mail
            d TXT "unterminated
            e SOA ns hm 1 2 3
            f A 192.0.2.6
            """);

        Assert.Equal([2, 4, 6, 7], result.Errors.Select(e => e.Line));
        Assert.Equal(["b", "f"], result.Zone.Records.Select(r => r.Owner.ToRelativeString(Origin)));
    }

    [Fact]
    public void ParseThrowsWithEveryErrorAndTheFirstAsTheMessage()
    {
        var error = Assert.Throws<ZoneFileFormatException>(() => Parse("$TTL 60\na A 1\nb A 2\n"));
        Assert.Equal(2, error.Errors.Count);
        Assert.Equal("<input>:2:5: expected an IPv4 address, found '1'", error.Message);
        Assert.Equal(("<input>", 2, 5), (error.File, error.Line, error.Column));
    }

    [Fact]
    public void CheckFileReportsAMissingFileAsAnError()
    {
        var path = Path.Combine(Path.GetTempPath(), "betterdns-no-such-" + Guid.NewGuid().ToString("N"));
        var result = ZoneFileParser.CheckFile(path, Origin);
        Assert.StartsWith("cannot read the file", Assert.Single(result.Errors).Message);
        Assert.Equal(path, result.Errors[0].File);
    }
}
