using System.Text;
using BetterDns.Zone.Model;

namespace BetterDns.Zone.Parsing;

/// <summary>
/// Reads RFC 1035 §5 master files (with RFC 2308 <c>$TTL</c> and BIND's TTL units) into a <see cref="DnsZone"/>.
/// <c>Parse</c> throws a <see cref="ZoneFileFormatException"/> listing every error; <c>Check</c> returns them.
/// </summary>
public static class ZoneFileParser
{
    /// <summary>Files at least this big are read in pieces in parallel (smaller ones are not worth a thread).</summary>
    internal const int PieceBytes = 1 << 20;

    public static DnsZone Parse(string text, DomainName origin, ZoneParserOptions? options = null)
    {
        options ??= new ZoneParserOptions();
        var result = Check(Encoding.UTF8.GetBytes(text), origin, options);
        return result.Success ? result.Zone : throw new ZoneFileFormatException(result.Errors);
    }

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
            bytes = ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ZoneParseResult(new DnsZone(origin, null, []), [new ZoneFileError(path, 1, 1, $"cannot read the file: {e.Message}")]);
        }

        return Check(bytes, origin, options);
    }

    /// <summary>
    /// The file's bytes, read into an array the runtime does not zero first (the read overwrites every
    /// byte; zeroing 33 MB for a million-record zone is time spent for nothing).
    /// </summary>
    internal static byte[] ReadAllBytes(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        if (length <= 0 || length > Array.MaxLength)
        {
            // Unknown length (a pipe, /proc) or too big for one array: let the framework cope or explain.
            return File.ReadAllBytes(path);
        }

        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (n == 0)
            {
                // The file shrank while being read: keep what is there.
                return bytes[..read];
            }

            read += n;
        }

        return bytes;
    }

    /// <summary>Like the span overload; with <see cref="ZoneParserOptions.ReadInParallel"/> a large input is read in pieces on every core.</summary>
    internal static ZoneParseResult Check(byte[] utf8, DomainName origin, ZoneParserOptions? options = null)
    {
        options ??= new ZoneParserOptions();
        var pieces = !options.ReadInParallel || utf8.Length < PieceBytes ? 1 : Math.Min(Environment.ProcessorCount, utf8.Length / (PieceBytes / 2));
        return pieces <= 1 ? Check(utf8.AsSpan(), origin, options) : CheckInPieces(utf8, origin, options, ZoneChunks.Even(utf8.Length, pieces), out _);
    }

    /// <summary>
    /// Reads <paramref name="utf8"/> in pieces cut at safe places near <paramref name="wantedCuts"/>, in
    /// parallel; the result is the same as <see cref="Check(ReadOnlySpan{byte}, DomainName, ZoneParserOptions?)"/>'s.
    /// <paramref name="pieces"/> is how many pieces were read in parallel (1 when no cut was possible).
    /// </summary>
    internal static ZoneParseResult CheckInPieces(byte[] utf8, DomainName origin, ZoneParserOptions options, ReadOnlySpan<int> wantedCuts, out int pieces)
    {
        var reader = new ZoneFileReader(origin, options);
        if (!reader.ReadInPieces(utf8, options.FileName, origin, wantedCuts, out pieces))
        {
            // A cut fell inside parentheses: read the whole file in order instead.
            reader = new ZoneFileReader(origin, options);
            reader.Read(utf8, options.FileName, origin, depth: 0);
            pieces = 1;
        }

        return new ZoneParseResult(reader.ToZone(), reader.Errors);
    }
}
