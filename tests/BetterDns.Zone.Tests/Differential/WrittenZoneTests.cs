using BetterDns.Zone.Parsing;
using BetterDns.Zone.Writing;

namespace BetterDns.Zone.Tests.Differential;

/// <summary>What ZoneFileWriter makes of every valid corpus file: BIND accepts it and reads the same zone; we read it back unchanged.</summary>
public sealed class WrittenZoneTests
{
    public static TheoryData<string> Valid => ZoneCorpus.Valid;

    [Theory]
    [MemberData(nameof(Valid))]
    public void WrittenZonePassesNamedCheckzoneAndMeansTheSameToBind(string file)
    {
        var origin = ZoneCorpus.OriginOf(file);
        var zone = ZoneFileParser.ParseFile(ZoneCorpus.FullPath(file), origin);
        using var temp = new TempDirectory();
        var written = Path.Combine(temp.Path, "written.zone");
        File.WriteAllText(written, ZoneFileWriter.Write(zone));

        var check = BindTool.CheckZone(origin.Value, written, temp.Path);
        Assert.True(check.ExitCode == 0, $"named-checkzone rejected the writer's output for {file}: {check}\n--- written\n{File.ReadAllText(written)}");

        var rewritten = BindTool.CompileZone(origin.Value, written, temp.Path);
        Assert.True(rewritten.ExitCode == 0, $"named-compilezone rejected the writer's output: {rewritten}");
        CorpusBind.AssertSameRecords(
            CanonicalRecords.Normalise(CorpusBind.CompileOriginal(file).Output),
            CanonicalRecords.Normalise(rewritten.Output),
            "BIND on the original",
            "BIND on the written file");
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void WrittenZoneParsesBackToTheSameZone(string file)
    {
        var origin = ZoneCorpus.OriginOf(file);
        var zone = ZoneFileParser.ParseFile(ZoneCorpus.FullPath(file), origin);

        var reparsed = ZoneFileParser.Parse(ZoneFileWriter.Write(zone), origin);

        var expected = ZoneFileWriter.Normalize(zone);
        Assert.Equal(expected.DefaultTtl, reparsed.DefaultTtl);
        // ToString compares case too (DomainName equality ignores it), so a name that lost its case shows here.
        Assert.Equal(expected.Records.Select(r => r.ToString()), reparsed.Records.Select(r => r.ToString()));
        Assert.Equal(expected, reparsed);
    }
}
