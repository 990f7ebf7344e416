using System.Globalization;
using BetterDns.Zone.Parsing;

namespace BetterDns.ZoneTool;

/// <summary>
/// <c>betterdns zone check FILE --origin ORIGIN</c>: every error as <c>FILE:LINE:COL: message</c> on
/// <paramref name="error"/> and exit 1, or <c>N records, serial S</c> on <paramref name="output"/> and exit 0.
/// </summary>
public static class ZoneCheck
{
    public static int Run(FileInfo file, string origin, TextWriter output, TextWriter error)
    {
        if (!ZoneFileInput.TryParseOrigin(origin, error, out var zoneOrigin))
        {
            return ZoneFileInput.Failure;
        }

        if (!ZoneFileInput.Exists(file, error))
        {
            return ZoneFileInput.Failure;
        }

        ZoneParseResult result;
        try
        {
            result = ZoneFileParser.CheckFile(file.ToString(), zoneOrigin, ZoneFileInput.ParserOptions);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ZoneFileInput.ReportUnreadable(file, e, error);
            return ZoneFileInput.Failure;
        }

        foreach (var problem in result.Errors)
        {
            error.WriteLine(problem.ToString());
        }

        if (!result.Success)
        {
            return ZoneFileInput.Failure;
        }

        // A zone without an SOA at its origin is not a zone any server will load (named-checkzone agrees).
        if (result.Zone.Soa is not { } soa)
        {
            error.WriteLine(new ZoneFileError(file.ToString(), 1, 1, $"no SOA record at the origin {zoneOrigin}"));
            return ZoneFileInput.Failure;
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Zone.Records.Length} records, serial {soa.Serial}"));
        return 0;
    }
}
