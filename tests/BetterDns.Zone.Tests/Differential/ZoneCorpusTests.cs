namespace BetterDns.Zone.Tests.Differential;

/// <summary>The corpus keeps its own promises: its size, the origin line, a sidecar per broken file.</summary>
public sealed class ZoneCorpusTests
{
    [Fact]
    public void HasAtLeastThirtyValidAndTenBrokenFiles()
    {
        Assert.True(ZoneCorpus.ValidFiles.Count >= 30, $"{ZoneCorpus.ValidFiles.Count} valid files");
        Assert.True(ZoneCorpus.InvalidFiles.Count >= 10, $"{ZoneCorpus.InvalidFiles.Count} broken files");
    }

    [Fact]
    public void EveryFileNamesItsOriginOnTheFirstLine()
    {
        foreach (var file in ZoneCorpus.ValidFiles.Concat(ZoneCorpus.InvalidFiles))
        {
            var origin = ZoneCorpus.OriginOf(file);
            Assert.False(origin.IsRoot, $"{file}: origin is the root");
        }
    }

    [Fact]
    public void EveryBrokenFileHasAnExpectSidecar()
    {
        foreach (var file in ZoneCorpus.InvalidFiles)
        {
            Assert.NotEmpty(ZoneCorpus.ExpectedErrorsOf(file));
        }
    }

    [Fact]
    public void IncludedFilesExistForEveryIncludeInTheValidCorpus()
    {
        var includes = ZoneCorpus.ValidFiles
            .SelectMany(f => File.ReadLines(ZoneCorpus.FullPath(f)))
            .Where(l => l.StartsWith("$INCLUDE", StringComparison.OrdinalIgnoreCase))
            .Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1].Trim('"'))
            .ToList();

        Assert.NotEmpty(includes);
        Assert.All(includes, i => Assert.True(File.Exists(Path.Combine(ZoneCorpus.ValidDirectory, i)), i));
    }
}
