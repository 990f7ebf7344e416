using BetterDns.Zone.Parsing;
using BetterDns.Zone.Writing;

namespace BetterDns.Zone.Tests.Differential;

/// <summary>Every valid corpus file: our canonical output holds the same records as named-compilezone's.</summary>
public sealed class CanonicalOutputTests
{
    public static TheoryData<string> Valid => ZoneCorpus.Valid;

    [Theory]
    [MemberData(nameof(Valid))]
    public void CanonicalOutputHasTheSameRecordsAsNamedCompilezone(string file)
    {
        var zone = ZoneFileParser.ParseFile(ZoneCorpus.FullPath(file), ZoneCorpus.OriginOf(file));
        using var ours = new StringWriter();
        CanonicalZoneWriter.Write(zone, ours);

        var bind = CorpusBind.CompileOriginal(file);

        Assert.True(bind.ExitCode == 0, $"named-compilezone rejected {file}: {bind}");
        CorpusBind.AssertSameRecords(CanonicalRecords.Normalise(bind.Output, ignoreOwnerCase: false), CanonicalRecords.Normalise(ours.ToString(), ignoreOwnerCase: false), "BIND", "BetterDns");
    }
}
