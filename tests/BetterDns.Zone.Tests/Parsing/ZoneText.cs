using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;

namespace BetterDns.Zone.Tests.Parsing;

/// <summary>Shorthands for parser tests: an origin, parse, check, and the single error of a check.</summary>
internal static class ZoneText
{
    public static readonly DomainName Origin = DomainName.Parse("example.com.");

    public static DnsZone Parse(string text, ZoneParserOptions? options = null) => ZoneFileParser.Parse(text, Origin, options);

    public static ZoneParseResult Check(string text, ZoneParserOptions? options = null) =>
        ZoneFileParser.Check(System.Text.Encoding.UTF8.GetBytes(text), Origin, options);

    public static ZoneFileError SingleError(string text)
    {
        var result = Check(text);
        return Assert.Single(result.Errors);
    }

    public static ResourceRecord Single(string text) => Assert.Single(Parse(text).Records);

    public static DomainName Name(string text) => DomainName.Parse(text);
}
