using System.Text;
using BetterDns.Zone.Model;

namespace BetterDns.Zone.Parsing;

/// <summary>
/// Reads RFC 1035 §5 master files (with RFC 2308 <c>$TTL</c> and BIND's TTL units) into a <see cref="DnsZone"/>.
/// <c>Parse</c> throws a <see cref="ZoneFileFormatException"/> listing every error; <c>Check</c> returns them.
/// </summary>
public static class ZoneFileParser
{
    public static DnsZone Parse(string text, DomainName origin, ZoneParserOptions? options = null) =>
        Parse(Encoding.UTF8.GetBytes(text), origin, options);

    public static DnsZone Parse(ReadOnlySpan<byte> utf8, DomainName origin, ZoneParserOptions? options = null)
    {
        var result = Check(utf8, origin, options);
        return result.Success ? result.Zone : throw new ZoneFileFormatException(result.Errors);
    }

    public static DnsZone ParseFile(string path, DomainName origin, ZoneParserOptions? options = null)
    {
        var result = CheckFile(path, origin, options);
        return result.Success ? result.Zone : throw new ZoneFileFormatException(result.Errors);
    }

    public static ZoneParseResult Check(ReadOnlySpan<byte> utf8, DomainName origin, ZoneParserOptions? options = null)
    {
        options ??= new ZoneParserOptions();
        var reader = new ZoneFileReader(origin, options);
        reader.Read(utf8, options.FileName, origin, depth: 0);
        return new ZoneParseResult(reader.ToZone(), reader.Errors);
    }

    public static ZoneParseResult CheckFile(string path, DomainName origin, ZoneParserOptions? options = null)
    {
        options = (options ?? new ZoneParserOptions()) with { FileName = path };
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ZoneParseResult(new DnsZone(origin, null, []), [new ZoneFileError(path, 1, 1, $"cannot read the file: {e.Message}")]);
        }

        return Check(bytes, origin, options);
    }
}
