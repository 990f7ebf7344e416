using System.Runtime.InteropServices;
using BetterDns.Zone.Model;

namespace BetterDns.Zone.Parsing;

/// <summary>
/// Reads records and directives from one or more files into a list, with BIND's TTL rules
/// (an explicit TTL; else <c>$TTL</c>; else the last explicit TTL; else, for an SOA, its minimum;
/// else the caller's default). Each bad record becomes an error and reading goes on with the next.
/// </summary>
internal sealed class ZoneFileReader(DomainName zoneOrigin, ZoneParserOptions options)
{
    private const uint MaxTtl = 0x7fffffff;

    private readonly List<ZoneFileError> _errors = [];
    private readonly List<ResourceRecord> _records = [];
    private readonly List<Token> _tokens = new(16);
    private uint? _defaultTtl;
    private uint? _lastTtl;
    private uint? _zoneDefaultTtl;
    private bool _ownerBeforeCutNeeded;

    public IReadOnlyList<ZoneFileError> Errors => _errors;

    /// <summary>The records of the pieces after the first, in order (read in parallel: <see cref="ReadInPieces"/>).</summary>
    private readonly List<List<ResourceRecord>> _laterPieces = [];

    public DnsZone ToZone()
    {
        // One array of the exact size, filled from each piece's list (no list growth, no second copy).
        var total = _records.Count;
        foreach (var piece in _laterPieces)
        {
            total += piece.Count;
        }

        var all = new ResourceRecord[total];
        CollectionsMarshal.AsSpan(_records).CopyTo(all);
        var at = _records.Count;
        foreach (var piece in _laterPieces)
        {
            CollectionsMarshal.AsSpan(piece).CopyTo(all.AsSpan(at));
            at += piece.Count;
        }

        return new(zoneOrigin, _zoneDefaultTtl, ImmutableCollectionsMarshal.AsImmutableArray(all));
    }

    public void Read(ReadOnlySpan<byte> source, string fileName, DomainName origin, int depth)
    {
        if (depth == 0 && _records.Count == 0)
        {
            // Size the list once from the input size (a record line is rarely under 32 bytes) instead of
            // growing it: each growth of a large list is a large-object allocation that can trigger a full GC.
            _records.Capacity = (source.Length / 32) + 16;
        }

        var lexer = new ZoneLexer(source, fileName, _errors);
        var state = new FileState(fileName, Form(origin), depth);
        while (ReadNext(source, ref lexer, state))
        {
        }
    }

    /// <summary>
    /// Reads a top-level file in pieces cut near <paramref name="wantedCuts"/>, in parallel, with the
    /// same records and errors as <see cref="Read"/>. Directives before the last cut are read first, in
    /// order, so every piece starts from the same origin and <c>$TTL</c>. False when a cut turned out to
    /// be inside parentheses: this reader is then spoiled and the caller reads again with <see cref="Read"/>.
    /// </summary>
    public bool ReadInPieces(ReadOnlyMemory<byte> memory, string fileName, DomainName origin, ReadOnlySpan<int> wantedCuts, out int pieces)
    {
        var source = memory.Span;
        var cuts = ZoneChunks.Boundaries(source, wantedCuts);
        var lexer = new ZoneLexer(source, fileName, _errors);
        var state = new FileState(fileName, Form(origin), 0);
        pieces = 1;
        if (cuts.Count > 0)
        {
            var lastDirective = ZoneChunks.LastDirective(source, cuts[^1]);
            while (lexer.Position <= lastDirective && ReadNext(source, ref lexer, state))
            {
            }

            var read = lexer.Position;
            cuts.RemoveAll(cut => cut <= read);
        }

        // Without a $TTL (or an SOA's minimum) a record's TTL may come from the record before it.
        if (cuts.Count == 0 || _defaultTtl is null)
        {
            _records.Capacity = Math.Max(_records.Capacity, (source.Length / 32) + 16);
            while (ReadNext(source, ref lexer, state))
            {
            }

            return true;
        }

        var starts = new int[cuts.Count + 1];
        var lines = new int[cuts.Count + 1];
        var readers = new ZoneFileReader[cuts.Count + 1];
        var states = new FileState[cuts.Count + 1];
        var cutOpen = new bool[cuts.Count + 1];
        (starts[0], lines[0], readers[0], states[0]) = (lexer.Position, lexer.Line, this, state);
        _records.Capacity = Math.Max(_records.Capacity, _records.Count + ((cuts[0] - starts[0]) / 32) + 16);
        for (var i = 1; i < starts.Length; i++)
        {
            starts[i] = cuts[i - 1];
            lines[i] = lines[i - 1] + source[starts[i - 1]..starts[i]].Count((byte)'\n');
            readers[i] = new ZoneFileReader(zoneOrigin, options)
            {
                _defaultTtl = _defaultTtl,
                _lastTtl = _lastTtl,
                _zoneDefaultTtl = _zoneDefaultTtl,
            };
            readers[i]._records.Capacity = ((cuts.Count > i ? cuts[i] : source.Length) - starts[i]) / 32 + 16;
            states[i] = new FileState(fileName, state.Origin, 0) { StartsAtCut = true };
        }

        Parallel.For(0, starts.Length, i =>
        {
            var end = i + 1 < starts.Length ? starts[i + 1] : memory.Length;
            var piece = memory.Span[..end];
            var reader = readers[i];
            var pieceLexer = new ZoneLexer(piece, fileName, reader._errors, starts[i], lines[i]);
            while (reader.ReadNext(piece, ref pieceLexer, states[i]))
            {
            }

            cutOpen[i] = pieceLexer.EndedInParentheses && end < memory.Length;
        });

        if (cutOpen.Contains(true) || readers.Any(r => r._ownerBeforeCutNeeded))
        {
            return false;
        }

        for (var i = 1; i < readers.Length; i++)
        {
            _laterPieces.Add(readers[i]._records);
            _errors.AddRange(readers[i]._errors);
            _zoneDefaultTtl ??= readers[i]._zoneDefaultTtl;
            (_defaultTtl, _lastTtl) = (readers[i]._defaultTtl, readers[i]._lastTtl);
        }

        pieces = readers.Length;
        return true;
    }

    /// <summary>Reads the next record (an error in it is noted); false at the end of the input.</summary>
    private bool ReadNext(ReadOnlySpan<byte> source, ref ZoneLexer lexer, FileState state)
    {
        if (!lexer.NextRecord(_tokens, out var ownerOmitted, out var broken))
        {
            return false;
        }

        if (broken || _tokens.Count == 0)
        {
            return true;
        }

        try
        {
            ReadRecord(source, state, ownerOmitted);
        }
        catch (RecordError e)
        {
            _errors.Add(new ZoneFileError(state.FileName, e.Line, e.Column, e.Message));
        }
        catch (ArgumentException e)
        {
            var t = _tokens[0];
            _errors.Add(new ZoneFileError(state.FileName, t.Line, t.Column, e.Message));
        }

        return true;
    }

    private void ReadRecord(ReadOnlySpan<byte> src, FileState state, bool ownerOmitted)
    {
        var tokens = _tokens;
        var first = tokens[0];
        var index = 0;
        if (!ownerOmitted && first.Kind == TokenKind.Word && src[first.Start] == (byte)'$')
        {
            ReadDirective(src, state);
            return;
        }

        DomainName owner;
        if (ownerOmitted && state.LastOwner is null && state.StartsAtCut)
        {
            // The owner to inherit is in the piece before the cut (its first record was broken).
            _ownerBeforeCutNeeded = true;
            return;
        }

        if (ownerOmitted)
        {
            owner = state.LastOwner ?? throw new RecordError(first.Line, first.Column,
                "this line starts with blank space (the owner of the previous record), but there is no previous record");
        }
        else
        {
            owner = ReadOwner(src, state, first);
            index = 1;
        }

        uint? ttl = null;
        var classSeen = false;
        RecordType type;
        while (true)
        {
            if (index >= tokens.Count)
            {
                var last = tokens[^1];
                throw new RecordError(last.Line, last.Column + last.Length + (last.Kind == TokenKind.Quoted ? 2 : 0),
                    $"expected {Expected(ttl, classSeen)}, found the end of the record");
            }

            var t = tokens[index];
            var bytes = src.Slice(t.Start, t.Length);
            if (t.Kind == TokenKind.Word)
            {
                if (ttl is null && (uint)(bytes[0] - '0') <= 9)
                {
                    if (!Numbers.TryParseTtl(bytes, out var value))
                    {
                        throw new RecordError(t.Line, t.Column, $"expected a TTL (seconds or like 1h30m), found '{TokenText.Display(bytes)}'");
                    }

                    ttl = value;
                    index++;
                    continue;
                }

                if (!classSeen && TryParseClass(bytes, out var dnsClass))
                {
                    if (dnsClass != DnsClass.IN)
                    {
                        throw new RecordError(t.Line, t.Column,
                            $"class {DnsClasses.ToMnemonic(dnsClass)} does not match the zone's class IN");
                    }

                    classSeen = true;
                    index++;
                    continue;
                }

                if (TryParseType(bytes, out type))
                {
                    if (RecordTypes.IsMeta(type))
                    {
                        throw new RecordError(t.Line, t.Column,
                            $"{RecordTypes.ToMnemonic(type)} is a meta type (RFC 6895), which cannot be data in a zone");
                    }

                    if (type is RecordType.MD or RecordType.MF)
                    {
                        throw new RecordError(t.Line, t.Column, $"{RecordTypes.ToMnemonic(type)} is obsolete (RFC 973): use MX");
                    }

                    index++;
                    break;
                }
            }

            throw new RecordError(t.Line, t.Column,
                $"expected {Expected(ttl, classSeen)}, found '{TokenText.Display(t.Kind == TokenKind.Quoted ? src.Slice(t.Start - 1, t.Length + 2) : bytes)}'");
        }

        if (ttl is { } explicitTtl)
        {
            // RFC 2181 §8: a TTL with the top bit set means zero; BIND loads it as 0 too.
            ttl = explicitTtl > MaxTtl ? 0 : explicitTtl;
            _lastTtl = ttl;
        }
        else
        {
            ttl = _defaultTtl ?? _lastTtl;
        }

        var fields = new FieldReader(src, tokens, index, state.Origin, state.OriginWire);
        RData data;
        if (type == RecordType.A && ttl is not null && tokens.Count == index + 1)
        {
            var address = RDataParser.ParseIPv4(ref fields);
            if (options.CompactRecords)
            {
                _records.Add(ResourceRecord.InlineA(owner, ttl.Value, address));
                return;
            }

            data = new AData(address);
        }
        else
        {
            data = RDataParser.Parse(type, ref fields);
        }

        if (ttl is null)
        {
            if (data is SoaData soa)
            {
                ttl = Math.Min(soa.Minimum, MaxTtl);
                _defaultTtl = ttl;
            }
            else if (options.DefaultTtl is { } fallback)
            {
                ttl = fallback;
            }
            else
            {
                throw new RecordError(first.Line, first.Column,
                    "no TTL: the record has none, and there is no $TTL and no earlier TTL to use");
            }
        }

        _records.Add(new ResourceRecord(owner, ttl.Value, DnsClass.IN, data));
    }

    /// <summary>The origin in the form names are to be made in: names made under a compact origin are compact.</summary>
    private DomainName Form(DomainName origin) => options.CompactRecords ? origin.ToCompact() : origin;

    private static string Expected(uint? ttl, bool classSeen) => (ttl, classSeen) switch
    {
        (null, false) => "a TTL, class or type",
        (null, true) => "a TTL or type",
        (_, false) => "a class or type",
        _ => "a type",
    };

    private static DomainName ReadOwner(ReadOnlySpan<byte> src, FileState state, Token t)
    {
        var bytes = src.Slice(t.Start, t.Length);
        if (t.Kind != TokenKind.Word)
        {
            throw new RecordError(t.Line, t.Column, "expected an owner name, found a quoted string");
        }

        // Zones repeat owners line after line: reuse the last name when the bytes are the same.
        if (state.LastOwner is { } last && state.LastOwnerLength == t.Length
            && src.Slice(state.LastOwnerStart, state.LastOwnerLength).SequenceEqual(bytes))
        {
            return last;
        }

        if (!NameParser.TryParse(bytes, state.Origin, state.OriginWire, out var owner, out var error))
        {
            throw new RecordError(t.Line, t.Column, error!);
        }

        state.SetOwner(owner, t.Start, t.Length);
        return owner;
    }

    private void ReadDirective(ReadOnlySpan<byte> src, FileState state)
    {
        var tokens = _tokens;
        var directive = tokens[0];
        var name = System.Text.Encoding.ASCII.GetString(src.Slice(directive.Start, directive.Length)).ToUpperInvariant();
        var fields = new FieldReader(src, tokens, 1, state.Origin, state.OriginWire);
        switch (name)
        {
            case "$ORIGIN":
                var origin = fields.Name("a domain name after $ORIGIN");
                fields.ExpectEnd("the $ORIGIN name");
                state.SetOrigin(origin);
                break;
            case "$TTL":
                var ttl = fields.Time("a TTL after $TTL");
                fields.ExpectEnd("the $TTL value");
                _defaultTtl = ttl > MaxTtl ? 0 : ttl;
                _zoneDefaultTtl ??= _defaultTtl;
                break;
            case "$INCLUDE":
                var file = fields.Next("a file name after $INCLUDE");
                var path = TokenText.DecodeOctets(src.Slice(file.Start, file.Length), out var error)
                    ?? throw fields.Fail(file, error!);
                var includeOrigin = fields.AtEnd ? state.Origin : fields.Name("an origin after the $INCLUDE file name");
                fields.ExpectEnd("the $INCLUDE origin");
                Include(state, file, path, includeOrigin);
                break;
            default:
                throw new RecordError(directive.Line, directive.Column,
                    $"unknown directive '{TokenText.Display(src.Slice(directive.Start, directive.Length))}' (expected $ORIGIN, $TTL or $INCLUDE)");
        }
    }

    private void Include(FileState state, Token at, string path, DomainName origin)
    {
        if (state.Depth + 1 > options.MaxIncludeDepth)
        {
            throw new RecordError(at.Line, at.Column,
                $"$INCLUDE nested more than {options.MaxIncludeDepth} deep (a file that includes itself?)");
        }

        var directory = Path.GetDirectoryName(state.FileName);
        var full = Path.IsPathRooted(path) || string.IsNullOrEmpty(directory) ? path : Path.Combine(directory, path);
        byte[] bytes;
        try
        {
            bytes = options.IncludeReader is { } reader ? reader(full) : File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the reader throws (missing file, no such key, …) is a problem with this zone, not a crash.
            throw new RecordError(at.Line, at.Column, $"cannot read the included file '{full}': {e.Message}");
        }

        // The included file gets its own origin and owner; this file's are untouched (RFC 1035 §5.1).
        Read(bytes, full, origin, state.Depth + 1);
    }

    private static bool TryParseClass(ReadOnlySpan<byte> bytes, out DnsClass dnsClass)
    {
        if (bytes.Length == 2 && (bytes[0] | 0x20) == 'i' && (bytes[1] | 0x20) == 'n')
        {
            dnsClass = DnsClass.IN;
            return true;
        }

        if (bytes.Length > 16 || !System.Text.Ascii.IsValid(bytes))
        {
            dnsClass = default;
            return false;
        }

        Span<char> chars = stackalloc char[bytes.Length];
        System.Text.Ascii.ToUtf16(bytes, chars, out _);
        return DnsClasses.TryParse(chars, out dnsClass);
    }

    private static bool TryParseType(ReadOnlySpan<byte> bytes, out RecordType type)
    {
        if (bytes.Length == 1 && (bytes[0] | 0x20) == 'a')
        {
            type = RecordType.A;
            return true;
        }

        if (bytes.Length > 16 || !System.Text.Ascii.IsValid(bytes))
        {
            type = default;
            return false;
        }

        Span<char> chars = stackalloc char[bytes.Length];
        System.Text.Ascii.ToUtf16(bytes, chars, out _);
        return RecordTypes.TryParse(chars, out type);
    }

    /// <summary>What one file being read has of its own: its origin and the owner of its last record.</summary>
    private sealed class FileState(string fileName, DomainName origin, int depth)
    {
        public string FileName { get; } = fileName;

        public int Depth { get; } = depth;

        /// <summary>A piece of a file cut for parallel reading: what came before the cut is not known here.</summary>
        public bool StartsAtCut { get; init; }

        public DomainName Origin { get; private set; } = origin;

        public int OriginWire { get; private set; } = origin.WireLength();

        public DomainName? LastOwner { get; private set; }

        public int LastOwnerStart { get; private set; }

        public int LastOwnerLength { get; private set; } = -1;

        public void SetOrigin(DomainName origin)
        {
            Origin = origin;
            OriginWire = origin.WireLength();

            // The cached owner bytes meant a name under the old origin.
            LastOwnerLength = -1;
        }

        public void SetOwner(DomainName owner, int start, int length)
        {
            LastOwner = owner;
            LastOwnerStart = start;
            LastOwnerLength = length;
        }
    }
}
