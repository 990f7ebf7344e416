using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using BetterDns.Zone.Writing;

namespace BetterDns.Zone.Tests.Differential;

/// <summary>
/// The corpus against BIND 9: the same records from our canonical writer as from named-compilezone,
/// the same verdict on broken files, and writer output that BIND accepts and reads as the same zone.
/// BIND resolves <c>$INCLUDE</c> against its working directory and we resolve it against the
/// including file, so BIND runs in the zone file's directory and includes are written relative to it.
/// </summary>
public sealed class BindDifferentialTests
{
    public static TheoryData<string> Valid => ZoneCorpus.Valid;

    public static TheoryData<string> Invalid => ZoneCorpus.Invalid;

    [Theory]
    [MemberData(nameof(Valid))]
    public void CanonicalOutputHasTheSameRecordsAsNamedCompilezone(string file)
    {
        var path = ZoneCorpus.FullPath(file);
        var origin = ZoneCorpus.OriginOf(file);

        var ours = CanonicalText(ZoneFileParser.ParseFile(path, origin));
        var bind = BindTool.CompileZone(origin.Value, Path.GetFileName(path), Path.GetDirectoryName(path)!);
        Assert.True(bind.ExitCode == 0, $"named-compilezone rejected {file}: {bind}");

        AssertSameRecords(CanonicalRecords.Normalise(bind.Output), CanonicalRecords.Normalise(ours), "BIND", "BetterDns");
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void BrokenFileIsRejectedByNamedCheckzone(string file)
    {
        var path = ZoneCorpus.FullPath(file);
        var bind = BindTool.CheckZone(ZoneCorpus.OriginOf(file).Value, Path.GetFileName(path), Path.GetDirectoryName(path)!);

        Assert.True(bind.ExitCode != 0, $"named-checkzone accepted {file}: {bind}");
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void BrokenFileIsRejectedByOurCheckerOnTheExpectedLines(string file)
    {
        var path = ZoneCorpus.FullPath(file);
        var result = ZoneFileParser.CheckFile(path, ZoneCorpus.OriginOf(file));

        Assert.False(result.Success, $"{file} was accepted");
        var report = string.Join('\n', result.Errors);
        foreach (var expected in ZoneCorpus.ExpectedErrorsOf(file))
        {
            Assert.True(
                result.Errors.Any(e => e.Line == expected.Line && e.Message.Contains(expected.Word, StringComparison.OrdinalIgnoreCase)),
                $"{file}: expected an error on {expected}; reported:\n{report}");
        }

        Assert.All(result.Errors, e => Assert.True(e.Line >= 1 && e.Column >= 1, $"position must be 1-based: {e}"));
        Assert.Throws<ZoneFileFormatException>(() => ZoneFileParser.ParseFile(path, ZoneCorpus.OriginOf(file)));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void WrittenZonePassesNamedCheckzoneAndMeansTheSameToBind(string file)
    {
        var path = ZoneCorpus.FullPath(file);
        var origin = ZoneCorpus.OriginOf(file);
        var zone = ZoneFileParser.ParseFile(path, origin);

        using var temp = new TempDirectory();
        var written = Path.Combine(temp.Path, "written.zone");
        File.WriteAllText(written, ZoneFileWriter.Write(zone));

        var check = BindTool.CheckZone(origin.Value, written, temp.Path);
        Assert.True(check.ExitCode == 0, $"named-checkzone rejected the writer's output for {file}: {check}\n--- written\n{File.ReadAllText(written)}");

        var original = BindTool.CompileZone(origin.Value, Path.GetFileName(path), Path.GetDirectoryName(path)!);
        var rewritten = BindTool.CompileZone(origin.Value, written, temp.Path);
        Assert.True(rewritten.ExitCode == 0, $"named-compilezone rejected the writer's output: {rewritten}");
        AssertSameRecords(CanonicalRecords.Normalise(original.Output), CanonicalRecords.Normalise(rewritten.Output), "BIND on the original", "BIND on the written file");
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void WrittenZoneParsesBackToTheSameZone(string file)
    {
        var origin = ZoneCorpus.OriginOf(file);
        var zone = ZoneFileParser.ParseFile(ZoneCorpus.FullPath(file), origin);

        var text = ZoneFileWriter.Write(zone);
        var reparsed = ZoneFileParser.Parse(text, origin);

        var expected = ZoneFileWriter.Normalize(zone);
        Assert.Equal(expected.DefaultTtl, reparsed.DefaultTtl);
        Assert.Equal(expected.Records.Select(r => r.ToString()), reparsed.Records.Select(r => r.ToString()));
        Assert.Equal(expected, reparsed);
    }

    private static string CanonicalText(DnsZone zone)
    {
        using var writer = new StringWriter();
        CanonicalZoneWriter.Write(zone, writer);
        return writer.ToString();
    }

    private static void AssertSameRecords(SortedSet<string> expected, SortedSet<string> actual, string expectedName, string actualName)
    {
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"only in {expectedName} ({missing.Count}):\n  {string.Join("\n  ", missing)}\nonly in {actualName} ({extra.Count}):\n  {string.Join("\n  ", extra)}");
    }
}
