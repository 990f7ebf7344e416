using System.Text.RegularExpressions;
using BetterDns.Zone.Model;

namespace BetterDns.Zone.Tests.Differential;

/// <summary>
/// The hand-written zone corpus under Corpus/ (copied next to the test assembly).
/// Convention: the first line of every corpus file is <c>; origin: NAME.</c>, the zone's origin.
/// Files under <c>valid/include/</c> are only reached through <c>$INCLUDE</c> and are not zones of their own.
/// </summary>
public static partial class ZoneCorpus
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static string ValidDirectory => Path.Combine(Root, "valid");

    public static string InvalidDirectory => Path.Combine(Root, "invalid");

    /// <summary>Valid zone files, as paths relative to <see cref="Root"/> ("valid/hosting-default.zone").</summary>
    public static IReadOnlyList<string> ValidFiles => List(ValidDirectory);

    public static IReadOnlyList<string> InvalidFiles => List(InvalidDirectory);

    public static TheoryData<string> Valid => [.. ValidFiles];

    public static TheoryData<string> Invalid => [.. InvalidFiles];

    public static string FullPath(string relative) => Path.Combine(Root, relative);

    /// <summary>The origin named on the file's first line.</summary>
    public static DomainName OriginOf(string relative)
    {
        using var reader = new StreamReader(FullPath(relative));
        var first = reader.ReadLine() ?? "";
        var match = OriginLine().Match(first);
        if (!match.Success)
        {
            throw new InvalidDataException($"{relative}: the first line must be '; origin: NAME.', found '{first}'");
        }

        return DomainName.Parse(match.Groups[1].Value);
    }

    /// <summary>
    /// The errors a broken file must produce, from its sidecar <c>.expect</c>: one per line,
    /// <c>LINE WORD…</c>: an error on that 1-based line whose message contains the words (any case).
    /// </summary>
    public static IReadOnlyList<ExpectedError> ExpectedErrorsOf(string relative)
    {
        var sidecar = Path.ChangeExtension(FullPath(relative), ".expect");
        if (!File.Exists(sidecar))
        {
            throw new InvalidDataException($"{relative}: missing sidecar {Path.GetFileName(sidecar)}");
        }

        var expected = new List<ExpectedError>();
        foreach (var line in File.ReadAllLines(sidecar))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOf(' ');
            if (space <= 0 || !int.TryParse(line.AsSpan(0, space), out var lineNumber))
            {
                throw new InvalidDataException($"{sidecar}: expected 'LINE WORD', found '{line}'");
            }

            expected.Add(new ExpectedError(lineNumber, line[(space + 1)..]));
        }

        return expected;
    }

    private static List<string> List(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.zone", SearchOption.TopDirectoryOnly)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^;\s*origin:\s*(\S+)\s*$")]
    private static partial Regex OriginLine();
}

/// <summary>One line of an <c>.expect</c> sidecar.</summary>
public sealed record ExpectedError(int Line, string Word)
{
    public override string ToString() => $"line {Line} mentioning '{Word}'";
}
