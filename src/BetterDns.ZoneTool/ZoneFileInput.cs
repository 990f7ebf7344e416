using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;

namespace BetterDns.ZoneTool;

/// <summary>
/// What <c>zone check</c> and <c>zone print</c> share: the origin given on the command line and a
/// zone file that must exist. Problems are written for a person, prefixed with the program name.
/// </summary>
internal static class ZoneFileInput
{
    /// <summary>
    /// The CLI reads (and prints) large files on every core when there is more than one: on an idle
    /// 2-core machine that was 1.36 s against 1.56 s for a 1M-record zone (docs/benchmarks.md); the
    /// library keeps it off by default because on a saturated machine it gained nothing. Names are held
    /// compact (octets, not strings): a one-shot read and print never asks for most names' text.
    /// </summary>
    public static ZoneParserOptions ParserOptions { get; } = new() { ReadInParallel = Environment.ProcessorCount > 1, CompactRecords = true };

    /// <summary>
    /// The exit code for every failure: a zone with errors, a file that cannot be read, an origin that is
    /// not a name. System.CommandLine uses 1 for its own usage errors (a missing --origin) too.
    /// </summary>
    public const int Failure = 1;

    /// <summary>Parses <paramref name="text"/> as an absolute name; "example.com" means "example.com.".</summary>
    public static bool TryParseOrigin(string text, TextWriter error, out DomainName origin)
    {
        if (DomainName.TryParse(text, DomainName.Root, out origin, out var problem) && text != "@")
        {
            return true;
        }

        error.WriteLine($"betterdns: --origin '{text}' is not a domain name: {problem ?? "'@' needs an origin"}");
        return false;
    }

    /// <summary>True when the file exists and is a file; otherwise says why not.</summary>
    public static bool Exists(FileInfo file, TextWriter error)
    {
        if (Directory.Exists(file.FullName))
        {
            error.WriteLine($"betterdns: {file}: is a directory, not a zone file");
            return false;
        }

        if (!file.Exists)
        {
            error.WriteLine($"betterdns: {file}: no such file");
            return false;
        }

        return true;
    }

    public static void ReportUnreadable(FileInfo file, Exception e, TextWriter error) =>
        error.WriteLine($"betterdns: {file}: cannot read the file: {e.Message}");
}
