using BetterDns.Zone.Model;

namespace BetterDns.Zone.Parsing;

/// <summary>
/// A cursor over the RDATA tokens of one record, with typed reads that throw a <see cref="RecordError"/>
/// naming what was expected and what was found, at the token's position.
/// </summary>
internal ref struct FieldReader
{
    private readonly ReadOnlySpan<byte> _src;
    private readonly List<Token> _tokens;
    private int _index;

    public FieldReader(ReadOnlySpan<byte> src, List<Token> tokens, int first, DomainName origin, int originWire)
    {
        _src = src;
        _tokens = tokens;
        _index = first;
        Origin = origin;
        OriginWire = originWire;
    }

    public DomainName Origin { get; }

    public int OriginWire { get; }

    public readonly bool AtEnd => _index >= _tokens.Count;

    public readonly int Remaining => _tokens.Count - _index;

    public readonly Token Peek() => _tokens[_index];

    public readonly ReadOnlySpan<byte> Bytes(Token t) => _src.Slice(t.Start, t.Length);

    /// <summary>The token's source text, quotes included for a quoted string.</summary>
    public readonly ReadOnlySpan<byte> Raw(Token t) =>
        t.Kind == TokenKind.Quoted ? _src.Slice(t.Start - 1, t.Length + 2) : _src.Slice(t.Start, t.Length);

    public Token Next(string expected)
    {
        if (_index >= _tokens.Count)
        {
            throw EndOfLine(expected);
        }

        return _tokens[_index++];
    }

    /// <summary>An unquoted token.</summary>
    public ReadOnlySpan<byte> Word(string expected)
    {
        var t = Next(expected);
        if (t.Kind != TokenKind.Word)
        {
            throw Fail(t, $"expected {expected}, found a quoted string");
        }

        return Bytes(t);
    }

    public DomainName Name(string what = "a domain name")
    {
        var t = Next(what);
        if (t.Kind != TokenKind.Word)
        {
            throw Fail(t, $"expected {what}, found a quoted string");
        }

        if (!NameParser.TryParse(Bytes(t), Origin, OriginWire, out var name, out var error))
        {
            throw Fail(t, error!);
        }

        return name;
    }

    public ulong Number(string what, ulong max)
    {
        var t = Next(what);
        var bytes = Bytes(t);
        if (t.Kind != TokenKind.Word || !Numbers.TryParse(bytes, max, out var value))
        {
            throw Fail(t, $"expected {what} (0 to {max}), found '{TokenText.Display(bytes)}'");
        }

        return value;
    }

    public ushort UInt16(string what) => (ushort)Number(what, ushort.MaxValue);

    public byte UInt8(string what) => (byte)Number(what, byte.MaxValue);

    /// <summary>A 32-bit time in seconds; BIND's units (<c>1h</c>) are allowed.</summary>
    public uint Time(string what)
    {
        var t = Next(what);
        var bytes = Bytes(t);
        if (t.Kind != TokenKind.Word || !Numbers.TryParseTtl(bytes, out var value))
        {
            throw Fail(t, $"expected {what} (seconds or a TTL like 1h30m), found '{TokenText.Display(bytes)}'");
        }

        return value;
    }

    /// <summary>A character-string, quoted or not, decoded to octets and at most 255 long.</summary>
    public string CharacterString(string what = "a character-string")
    {
        var t = Next(what);
        var octets = TokenText.DecodeOctets(Bytes(t), out var error) ?? throw Fail(t, error!);
        if (octets.Length > Model.CharacterString.MaxLength)
        {
            throw Fail(t, $"character-string is {octets.Length} octets long, the limit is {Model.CharacterString.MaxLength}");
        }

        return octets;
    }

    /// <summary>Octets of a quoted or unquoted string with no length limit (CAA value).</summary>
    public string Octets(string what)
    {
        var t = Next(what);
        return TokenText.DecodeOctets(Bytes(t), out var error) ?? throw Fail(t, error!);
    }

    public readonly void ExpectEnd(string after)
    {
        if (_index < _tokens.Count)
        {
            var t = _tokens[_index];
            throw Fail(t, $"expected the end of the record after {after}, found '{TokenText.Display(Raw(t))}'");
        }
    }

    public readonly void ExpectEnd(RecordType type)
    {
        if (_index < _tokens.Count)
        {
            ExpectEnd($"the {RecordTypes.ToMnemonic(type)} data");
        }
    }

    public readonly RecordError Fail(Token t, string message) => new(t.Line, t.Column, message);

    public readonly RecordError EndOfLine(string expected)
    {
        var last = _tokens[^1];
        var column = last.Column + last.Length + (last.Kind == TokenKind.Quoted ? 2 : 0);
        return new RecordError(last.Line, column, $"expected {expected}, found the end of the record");
    }
}
