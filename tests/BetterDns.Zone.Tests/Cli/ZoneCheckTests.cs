using System.CommandLine;
using System.Text.RegularExpressions;
using BetterDns.ZoneTool;
using BetterDns.Zone.Tests.Differential;

namespace BetterDns.Zone.Tests.Cli;

/// <summary><c>betterdns zone check</c> in-process: the command logic and the command tree.</summary>
public sealed class ZoneCheckTests : IDisposable
{
    private const string ValidZone = """
        $TTL 1h
        @    IN SOA ns1 hostmaster 2024010107 3600 600 1209600 300
             IN NS  ns1
        ns1  IN A   192.0.2.1
        www  IN A   192.0.2.80
        """;

    private readonly TempDirectory _temp = new();

    [Fact]
    public void PrintsRecordCountAndSerialAndExitsZeroForAValidZone()
    {
        var (exit, output, error) = Check(Write("ok.zone", ValidZone), "example.com.");

        Assert.Equal(0, exit);
        Assert.Equal("4 records, serial 2024010107\n", output.ReplaceLineEndings("\n"));
        Assert.Empty(error);
    }

    [Fact]
    public void ReportsEveryErrorAsFileLineColumnMessageAndExitsOne()
    {
        var path = Write("broken.zone", """
            $TTL 1h
            @    IN SOA ns1 hostmaster 1 3600 600 1209600 300
                 IN NS  ns1
            a    IN A   192.0.2.300
            b    IN A   192.0.2.2
            c    IN AAAA not-an-address
            """);

        var (exit, output, error) = Check(path, "example.com.");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        var lines = error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        var pattern = new Regex("^" + Regex.Escape(path) + @":(\d+):(\d+): \S.*$");
        Assert.All(lines, l => Assert.Matches(pattern, l));
        Assert.Equal(["4", "6"], lines.Select(l => pattern.Match(l).Groups[1].Value));
        Assert.Equal("13", pattern.Match(lines[0]).Groups[2].Value);
    }

    [Fact]
    public void RejectsAZoneWithoutAnSoaRecordAtTheOrigin()
    {
        var path = Write("nosoa.zone", "$TTL 1h\nwww IN A 192.0.2.80\n");

        var (exit, output, error) = Check(path, "example.com.");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.StartsWith($"{path}:1:1: no SOA record", error);
    }

    [Fact]
    public void SaysClearlyWhenTheFileDoesNotExist()
    {
        var path = Path.Combine(_temp.Path, "missing.zone");

        var (exit, output, error) = Check(path, "example.com.");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Equal($"betterdns: {path}: no such file\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void SaysClearlyWhenTheFileIsADirectory()
    {
        var (exit, _, error) = Check(_temp.Path, "example.com.");

        Assert.Equal(1, exit);
        Assert.Contains("is a directory", error);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("@")]
    [InlineData("")]
    public void RejectsAnOriginThatIsNotADomainName(string origin)
    {
        var (exit, output, error) = Check(Write("ok.zone", ValidZone), origin);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.StartsWith($"betterdns: --origin '{origin}' is not a domain name", error);
    }

    [Fact]
    public void TreatsAnOriginWithoutTrailingDotAsAbsolute()
    {
        var path = Write("ok.zone", ValidZone);

        Assert.Equal(Check(path, "example.com."), Check(path, "example.com"));
    }

    [Fact]
    public void ReportsErrorsInIncludedFilesWithTheIncludedFileName()
    {
        Write("hosts.inc", "web IN A 192.0.2.999\n");
        var path = Write("main.zone", ValidZone + "\n$INCLUDE hosts.inc\n");

        var (exit, _, error) = Check(path, "example.com.");

        Assert.Equal(1, exit);
        Assert.Matches(@"hosts\.inc:1:\d+: ", error);
    }

    [Fact]
    public void RunsThroughTheCommandTreeWithTheInvocationWriters()
    {
        var path = Write("ok.zone", ValidZone);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = Root().Parse(["zone", "check", path, "--origin", "example.com"])
            .Invoke(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(0, exit);
        Assert.Equal("4 records, serial 2024010107", output.ToString().Trim());
        Assert.Empty(error.ToString());
    }

    [Fact]
    public void RequiresTheOriginOption()
    {
        var result = Root().Parse(["zone", "check", Write("ok.zone", ValidZone)]);

        Assert.Contains(result.Errors, e => e.Message.Contains("--origin", StringComparison.Ordinal));
        var error = new StringWriter();
        Assert.Equal(1, result.Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error }));
        Assert.Contains("Option '--origin' is required.", error.ToString());
    }

    public void Dispose() => _temp.Dispose();

    internal static RootCommand Root() => new("test") { ZoneCommands.Create() };

    private (int Exit, string Output, string Error) Check(string path, string origin)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = ZoneCheck.Run(new FileInfo(path), origin, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_temp.Path, name);
        File.WriteAllText(path, text);
        return path;
    }
}
