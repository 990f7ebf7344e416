using BetterDns.Zone.Parsing;

namespace BetterDns.Zone.Tests.Differential;

/// <summary>Every broken corpus file is rejected by named-checkzone and by our checker, on the expected lines.</summary>
public sealed class BrokenCorpusTests
{
    public static TheoryData<string> Invalid => ZoneCorpus.Invalid;

    [Theory]
    [MemberData(nameof(Invalid))]
    public void BrokenFileIsRejectedByNamedCheckzone(string file)
    {
        var bind = CorpusBind.CheckOriginal(file);

        Assert.True(bind.ExitCode != 0, $"named-checkzone accepted {file}: {bind}");
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void BrokenFileIsRejectedByOurCheckerOnTheExpectedLines(string file)
    {
        var path = ZoneCorpus.FullPath(file);
        var origin = ZoneCorpus.OriginOf(file);

        var result = ZoneFileParser.CheckFile(path, origin);

        Assert.False(result.Success, $"{file} was accepted");
        var report = string.Join('\n', result.Errors);
        foreach (var expected in ZoneCorpus.ExpectedErrorsOf(file))
        {
            Assert.True(
                result.Errors.Any(e => e.Line == expected.Line && e.Message.Contains(expected.Word, StringComparison.OrdinalIgnoreCase)),
                $"{file}: expected an error on {expected}; reported:\n{report}");
        }

        Assert.All(result.Errors, e => Assert.True(e.Line >= 1 && e.Column >= 1, $"positions are 1-based: {e}"));
        var thrown = Assert.Throws<ZoneFileFormatException>(() => ZoneFileParser.ParseFile(path, origin));
        Assert.Equal(result.Errors, thrown.Errors);
    }
}
