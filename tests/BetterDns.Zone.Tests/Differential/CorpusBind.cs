using System.Collections.Concurrent;

namespace BetterDns.Zone.Tests.Differential;

/// <summary>
/// BIND's view of corpus files, and the set comparison the differential tests share. BIND resolves
/// <c>$INCLUDE</c> against its working directory and we resolve it against the including file, so BIND
/// runs in the zone file's directory and the corpus writes includes relative to it.
/// </summary>
public static class CorpusBind
{
    // named-compilezone on an original corpus file, shared by the tests that need it (each run is a process).
    private static readonly ConcurrentDictionary<string, ToolResult> Compiled = new();

    public static ToolResult CompileOriginal(string file) => Compiled.GetOrAdd(file, static f =>
    {
        var path = ZoneCorpus.FullPath(f);
        return BindTool.CompileZone(ZoneCorpus.OriginOf(f).Value, Path.GetFileName(path), Path.GetDirectoryName(path)!);
    });

    public static ToolResult CheckOriginal(string file)
    {
        var path = ZoneCorpus.FullPath(file);
        return BindTool.CheckZone(ZoneCorpus.OriginOf(file).Value, Path.GetFileName(path), Path.GetDirectoryName(path)!);
    }

    public static void AssertSameRecords(SortedSet<string> expected, SortedSet<string> actual, string expectedName, string actualName)
    {
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"only in {expectedName} ({missing.Count}):\n  {string.Join("\n  ", missing)}\nonly in {actualName} ({extra.Count}):\n  {string.Join("\n  ", extra)}");
    }
}
