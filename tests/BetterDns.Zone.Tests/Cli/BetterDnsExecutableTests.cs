using BetterDns.Zone.Parsing;
using BetterDns.Zone.Tests.Differential;

namespace BetterDns.Zone.Tests.Cli;

/// <summary>The real <c>betterdns</c> executable, started as a process: <c>dotnet betterdns.dll zone …</c>.</summary>
public sealed class BetterDnsExecutableTests
{
    [Fact]
    public void ZoneCheckPrintsRecordCountAndSerialAndExitsZero()
    {
        const string file = "valid/hosting-default.zone";
        var zone = ZoneFileParser.ParseFile(ZoneCorpus.FullPath(file), ZoneCorpus.OriginOf(file));

        var result = Betterdns(AppContext.BaseDirectory, "zone", "check", ZoneCorpus.FullPath(file), "--origin", "example.com");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{zone.Records.Length} records, serial {zone.Soa!.Serial}", result.Output.Trim());
        Assert.Empty(result.Error);
    }

    [Fact]
    public void ZoneCheckReportsEveryErrorWithItsPositionAndExitsOne()
    {
        var result = Betterdns(ZoneCorpus.InvalidDirectory, "zone", "check", "several-errors.zone", "--origin", "example.com.");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Output);
        var lines = result.Error.TrimEnd('\n').Split('\n');
        Assert.Contains(lines, l => l.StartsWith("several-errors.zone:6:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("several-errors.zone:10:", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"^several-errors\.zone:\d+:\d+: \S", l));
    }

    [Fact]
    public void ZonePrintCanonicalGivesTheRecordsNamedCompilezoneGives()
    {
        // Run from somewhere else: $INCLUDE must still resolve next to the zone file.
        const string file = "valid/include-with-origin.zone";
        var path = ZoneCorpus.FullPath(file);

        var ours = Betterdns(Path.GetTempPath(), "zone", "print", path, "--origin", "example.com.", "--canonical");
        var bind = BindTool.CompileZone("example.com.", Path.GetFileName(path), Path.GetDirectoryName(path)!);

        Assert.True(ours.ExitCode == 0, ours.ToString());
        Assert.Equal(CanonicalRecords.Normalise(bind.Output), CanonicalRecords.Normalise(ours.Output));
    }

    [Fact]
    public void ZonePrintOfAMissingFileSaysSoAndExitsOne()
    {
        var result = Betterdns(Path.GetTempPath(), "zone", "print", "no-such-zone-file.zone", "--origin", "example.com.");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("no-such-zone-file.zone: no such file", result.Error);
    }

    private static ToolResult Betterdns(string workingDirectory, params string[] arguments) =>
        BindTool.Run("dotnet", [BetterDnsExecutable.Path, .. arguments], workingDirectory);
}
