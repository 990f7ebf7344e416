using System.Text;
using BetterDns.ZoneTool;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using BetterDns.Zone.Tests.Differential;
using BetterDns.Zone.Writing;

namespace BetterDns.Zone.Tests.Cli;

/// <summary><c>betterdns zone print</c> in-process.</summary>
public sealed class ZonePrintTests
{
    private const string ZoneFile = "valid/include-with-origin.zone";

    [Fact]
    public void PrintsTheZoneAsZoneFileWriterWritesIt()
    {
        var (exit, output, error) = Print(ZoneFile, canonical: false);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Equal(ZoneFileWriter.Write(Parse(ZoneFile)), output);
        Assert.StartsWith("$ORIGIN example.com.", output);
    }

    [Fact]
    public void PrintsOneAbsoluteRecordALineWithCanonical()
    {
        var (exit, output, error) = Print(ZoneFile, canonical: true);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        var expected = new StringWriter();
        CanonicalZoneWriter.Write(Parse(ZoneFile), expected);
        Assert.Equal(expected.ToString(), output);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(Parse(ZoneFile).Records.Length, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^\S+\. \d+ IN [A-Z0-9]+ \S", l));
    }

    [Fact]
    public void PrintsEveryErrorOfABrokenFileAndNothingElse()
    {
        var (exit, output, error) = Print("invalid/several-errors.zone", canonical: false);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        var lines = error.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length >= 4, error);
        Assert.All(lines, l => Assert.StartsWith(ZoneCorpus.FullPath("invalid/several-errors.zone") + ":", l));
    }

    [Fact]
    public void SaysClearlyWhenTheFileDoesNotExist()
    {
        var missing = ZoneCorpus.FullPath("valid/no-such-file.zone");
        using var output = new MemoryStream();
        var error = new StringWriter();

        var exit = ZonePrint.Run(new FileInfo(missing), "example.com.", canonical: false, output, error);

        Assert.Equal(1, exit);
        Assert.Equal(0, output.Length);
        Assert.Contains("no such file", error.ToString());
    }

    private static DnsZone Parse(string file) => ZoneFileParser.ParseFile(ZoneCorpus.FullPath(file), ZoneCorpus.OriginOf(file));

    private static (int Exit, string Output, string Error) Print(string file, bool canonical)
    {
        using var output = new MemoryStream();
        var error = new StringWriter();
        var exit = ZonePrint.Run(new FileInfo(ZoneCorpus.FullPath(file)), ZoneCorpus.OriginOf(file).Value, canonical, output, error);
        return (exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString().ReplaceLineEndings("\n"));
    }
}
