using System.Diagnostics;
using System.Text;
using BetterDns.Zone.Tests.Differential;
using BetterDns.ZoneTool;

namespace BetterDns.Zone.Tests.Cli;

/// <summary>
/// <c>betterdns-zone</c>, the verbs as an executable of their own (the one published as Native AOT), run as a
/// real process: it prints and checks exactly what <c>betterdns zone</c> does.
/// </summary>
public sealed class StandaloneToolTests
{
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "betterdns-zone");

    [Fact]
    public async Task PrintsEveryValidCorpusFileByteForByteAsTheZoneVerbDoes()
    {
        foreach (var file in ZoneCorpus.ValidFiles)
        {
            var origin = ZoneCorpus.OriginOf(file).Value;
            using var expected = new MemoryStream();
            Assert.Equal(0, ZonePrint.Run(new FileInfo(ZoneCorpus.FullPath(file)), origin, canonical: false, expected, new StringWriter()));

            var (exit, output, error) = await RunAsync("print", ZoneCorpus.FullPath(file), "--origin", origin);

            Assert.True(exit == 0, $"{file}: exit {exit}: {error}");
            Assert.True(expected.ToArray().AsSpan().SequenceEqual(output), $"{file}: the tool printed other bytes");
        }
    }

    [Fact]
    public async Task PrintsTheCanonicalFormWithCanonical()
    {
        var file = ZoneCorpus.ValidFiles[0];
        var origin = ZoneCorpus.OriginOf(file).Value;
        using var expected = new MemoryStream();
        Assert.Equal(0, ZonePrint.Run(new FileInfo(ZoneCorpus.FullPath(file)), origin, canonical: true, expected, new StringWriter()));

        var (exit, output, _) = await RunAsync("print", ZoneCorpus.FullPath(file), "--origin", origin, "--canonical");

        Assert.Equal(0, exit);
        Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()), Encoding.UTF8.GetString(output));
    }

    [Fact]
    public async Task ChecksABrokenFileWithEveryErrorOnStandardErrorAndExitCodeOne()
    {
        var file = ZoneCorpus.InvalidFiles[0];
        var origin = ZoneCorpus.OriginOf(file).Value;
        var expected = new StringWriter();
        Assert.Equal(1, ZoneCheck.Run(new FileInfo(ZoneCorpus.FullPath(file)), origin, new StringWriter(), expected));

        var (exit, output, error) = await RunAsync("check", ZoneCorpus.FullPath(file), "--origin", origin);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Equal(expected.ToString().ReplaceLineEndings("\n"), error.ReplaceLineEndings("\n"));
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task ChecksAValidFileWithOneSummaryLineAndExitCodeZero()
    {
        var file = ZoneCorpus.ValidFiles[0];
        var origin = ZoneCorpus.OriginOf(file).Value;
        var expected = new StringWriter();
        Assert.Equal(0, ZoneCheck.Run(new FileInfo(ZoneCorpus.FullPath(file)), origin, expected, new StringWriter()));

        var (exit, output, _) = await RunAsync("check", ZoneCorpus.FullPath(file), "--origin", origin);

        Assert.Equal(0, exit);
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(output).ReplaceLineEndings(Environment.NewLine));
        Assert.Matches(@"^\d+ records, serial \d+\s*$", Encoding.UTF8.GetString(output));
    }

    private static async Task<(int Exit, byte[] Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copying = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        await Task.WhenAll(copying, error);
        await process.WaitForExitAsync();
        return (process.ExitCode, output.ToArray(), await error);
    }
}
