using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using static BetterDns.Zone.Tests.Parsing.ZoneText;

namespace BetterDns.Zone.Tests.Parsing;

public sealed class DirectiveTests
{
    [Fact]
    public void OriginMakesLaterRelativeNamesRelativeToIt()
    {
        var zone = Parse("$TTL 60\n$ORIGIN sub\nwww A 192.0.2.1\n$ORIGIN other.org.\nmail A 192.0.2.2\n@ NS ns\n");

        Assert.Equal(Name("www.sub.example.com."), zone.Records[0].Owner);
        Assert.Equal(Name("mail.other.org."), zone.Records[1].Owner);
        Assert.Equal(new NameData(RecordType.NS, Name("ns.other.org.")), zone.Records[2].Data);
        Assert.Equal(Origin, zone.Origin);
    }

    [Fact]
    public void TtlDirectiveSetsTheDefaultAndTheZonesDefaultTtl()
    {
        var zone = Parse("$TTL 1d\nwww A 192.0.2.1\n");

        Assert.Equal(86400u, zone.DefaultTtl);
        Assert.Equal(86400u, zone.Records[0].Ttl);
    }

    [Fact]
    public void IncludeReadsAFileRelativeToTheIncludingFileWithItsOwnOrigin()
    {
        var files = new Dictionary<string, string>
        {
            [Path.Combine("zones", "hosts.inc")] = "host1 A 192.0.2.1\n$ORIGIN deeper\nhost2 A 192.0.2.2\n",
        };
        var options = new ZoneParserOptions
        {
            FileName = Path.Combine("zones", "db.example"),
            IncludeReader = path => System.Text.Encoding.UTF8.GetBytes(files[path]),
        };

        var zone = Parse("$TTL 60\nbefore A 192.0.2.9\n$INCLUDE hosts.inc lab\n  A 192.0.2.10\nafter A 192.0.2.11\n", options);

        Assert.Equal(
            ["before.example.com.", "host1.lab.example.com.", "host2.deeper.lab.example.com.", "before.example.com.", "after.example.com."],
            zone.Records.Select(r => r.Owner.Value));
    }

    [Fact]
    public void IncludeReportsErrorsWithTheIncludedFilesName()
    {
        var options = new ZoneParserOptions { IncludeReader = _ => "ok A 192.0.2.1\nbad A 300.1.1.1\n"u8.ToArray() };

        var result = Check("$TTL 60\n$INCLUDE part.inc\n", options);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("part.inc", 2, 7), (error.File, error.Line, error.Column));
    }

    [Fact]
    public void IncludeThatIncludesItselfStopsAtTheDepthLimit()
    {
        var options = new ZoneParserOptions { MaxIncludeDepth = 3, IncludeReader = _ => "$INCLUDE loop.inc\n"u8.ToArray() };

        var result = Check("$TTL 60\n$INCLUDE loop.inc\n", options);

        var error = Assert.Single(result.Errors);
        Assert.Contains("nested more than 3 deep", error.Message);
    }

    [Fact]
    public void IncludeOfAMissingFileIsAnErrorAtTheDirective()
    {
        var directory = Directory.CreateTempSubdirectory("betterdns-zone-");
        try
        {
            var result = Check("$TTL 60\n$INCLUDE nothing-here.inc\n", new ZoneParserOptions { FileName = Path.Combine(directory.FullName, "db") });

            var error = Assert.Single(result.Errors);
            Assert.Equal((2, 10), (error.Line, error.Column));
            Assert.StartsWith("cannot read the included file", error.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void IncludeReadsFromTheFileSystemByDefault()
    {
        var directory = Directory.CreateTempSubdirectory("betterdns-zone-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "db.example"), "$TTL 60\n$INCLUDE part.inc\n");
            File.WriteAllText(Path.Combine(directory.FullName, "part.inc"), "www A 192.0.2.1\n");

            var zone = ZoneFileParser.ParseFile(Path.Combine(directory.FullName, "db.example"), Origin);

            Assert.Equal(Name("www.example.com."), Assert.Single(zone.Records).Owner);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void UnknownDirectiveIsAnError()
    {
        var error = SingleError("$TTL 60\n$GENERATOR 1-2 x A 1.2.3.4\n");
        Assert.Equal((2, 1), (error.Line, error.Column));
        Assert.StartsWith("unknown directive '$GENERATOR'", error.Message);
    }

    [Fact]
    public void OriginNeedsExactlyOneName()
    {
        var error = SingleError("$ORIGIN a. b.\n");
        Assert.Equal("expected the end of the record after the $ORIGIN name, found 'b.'", error.Message);
    }
}
