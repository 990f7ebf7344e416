using System.Text;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using BetterDns.Zone.Writing;

namespace BetterDns.ZoneTool;

/// <summary>
/// <c>betterdns zone print FILE --origin ORIGIN [--canonical]</c>: the zone as <see cref="ZoneFileWriter"/>
/// writes it, or with <c>--canonical</c> as <see cref="CanonicalZoneWriter"/> does, to <paramref name="output"/>
/// (UTF-8 bytes, so a large zone streams instead of being built as one string).
/// </summary>
public static class ZonePrint
{
    public static int Run(FileInfo file, string origin, bool canonical, Stream output, TextWriter error)
    {
        if (!ZoneFileInput.TryParseOrigin(origin, error, out var zoneOrigin))
        {
            return ZoneFileInput.Failure;
        }

        if (!ZoneFileInput.Exists(file, error))
        {
            return ZoneFileInput.Failure;
        }

        DnsZone zone;
        try
        {
            zone = ZoneFileParser.ParseFile(file.ToString(), zoneOrigin, ZoneFileInput.ParserOptions);
        }
        catch (ZoneFileFormatException e)
        {
            foreach (var problem in e.Errors)
            {
                error.WriteLine(problem.ToString());
            }

            return ZoneFileInput.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ZoneFileInput.ReportUnreadable(file, e, error);
            return ZoneFileInput.Failure;
        }

        if (canonical)
        {
            using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
            CanonicalZoneWriter.Write(zone, writer);
        }
        else
        {
            ZoneFileWriter.Write(zone, output, inParallel: ZoneFileInput.ParserOptions.ReadInParallel);
        }

        output.Flush();
        return 0;
    }
}
