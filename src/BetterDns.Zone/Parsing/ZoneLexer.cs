namespace BetterDns.Zone.Parsing;

/// <summary>
/// Splits zone file bytes into records (RFC 1035 §5.1): tokens up to the end of a line outside
/// parentheses. Comments and blank lines vanish, parentheses join lines. Never allocates per token:
/// tokens are positions into the source. Every byte is consumed at most once, so it cannot hang.
/// </summary>
internal ref struct ZoneLexer
{
    private readonly ReadOnlySpan<byte> _src;
    private readonly List<ZoneFileError> _errors;
    private readonly string _file;
    private int _pos;
    private int _line;
    private int _lineStart;

    public ZoneLexer(ReadOnlySpan<byte> src, string file, List<ZoneFileError> errors)
    {
        _src = src;
        _file = file;
        _errors = errors;
        _line = 1;

        // A UTF-8 byte order mark is not part of the zone.
        if (src.Length >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF)
        {
            _pos = 3;
            _lineStart = 3;
        }
    }

    /// <summary>
    /// Lexes <paramref name="src"/> from <paramref name="start"/>, the start of line <paramref name="line"/>
    /// (a chunk of a larger file: <paramref name="src"/> ends where the chunk ends, positions stay the file's).
    /// </summary>
    public ZoneLexer(ReadOnlySpan<byte> src, string file, List<ZoneFileError> errors, int start, int line)
        : this(src, file, errors)
    {
        if (start > 0)
        {
            _pos = start;
            _lineStart = start;
            _line = line;
        }
    }

    /// <summary>Where the next record starts (after the last one's line end).</summary>
    public readonly int Position => _pos;

    /// <summary>The line the lexer is on.</summary>
    public readonly int Line => _line;

    /// <summary>True when the input ended inside parentheses (a chunk cut in the middle of a record).</summary>
    public bool EndedInParentheses { get; private set; }

    /// <summary>
    /// Reads the next record into <paramref name="tokens"/>. False at the end of the input.
    /// <paramref name="ownerOmitted"/> is true when the record's first line starts with blank space;
    /// <paramref name="broken"/> is true when the lexer already reported an error in it.
    /// </summary>
    public bool NextRecord(List<Token> tokens, out bool ownerOmitted, out bool broken)
    {
        tokens.Clear();
        ownerOmitted = false;
        broken = false;
        var depth = 0;
        int openLine = 0, openColumn = 0;
        var src = _src;
        while (true)
        {
            if (_pos >= src.Length)
            {
                if (depth > 0)
                {
                    EndedInParentheses = true;
                    Error(openLine, openColumn, "unbalanced parenthesis: '(' is never closed");
                    broken = true;
                }

                return tokens.Count > 0 || broken;
            }

            var b = src[_pos];
            switch (b)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r':
                    _pos++;
                    break;
                case (byte)'\n':
                    _pos++;
                    _line++;
                    _lineStart = _pos;
                    if (depth == 0 && (tokens.Count > 0 || broken))
                    {
                        return true;
                    }

                    break;
                case (byte)';':
                    var newline = src[_pos..].IndexOf((byte)'\n');
                    _pos = newline < 0 ? src.Length : _pos + newline;
                    break;
                case (byte)'(':
                    if (depth == 0)
                    {
                        openLine = _line;
                        openColumn = Column;
                    }

                    depth++;
                    _pos++;
                    break;
                case (byte)')':
                    if (depth == 0)
                    {
                        Error(_line, Column, "unbalanced parenthesis: ')' without '('");
                        broken = true;
                    }
                    else
                    {
                        depth--;
                    }

                    _pos++;
                    break;
                case (byte)'"':
                    if (tokens.Count == 0)
                    {
                        ownerOmitted = LineStartsBlank();
                    }

                    if (!ReadQuoted(tokens))
                    {
                        broken = true;
                    }

                    break;
                default:
                    if (tokens.Count == 0)
                    {
                        ownerOmitted = LineStartsBlank();
                    }

                    ReadWord(tokens);
                    break;
            }
        }
    }

    private readonly int Column => _pos - _lineStart + 1;

    private readonly bool LineStartsBlank() => _src[_lineStart] is (byte)' ' or (byte)'\t';

    private void ReadWord(List<Token> tokens)
    {
        var src = _src;
        var start = _pos;
        var line = _line;
        var column = Column;
        var i = _pos;
        while (i < src.Length)
        {
            var c = src[i];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)';' or (byte)'(' or (byte)')' or (byte)'"')
            {
                break;
            }

            if (c == (byte)'\\' && i + 1 < src.Length)
            {
                i++;
                if (src[i] == (byte)'\n')
                {
                    _line++;
                    _lineStart = i + 1;
                }
            }

            i++;
        }

        _pos = i;
        tokens.Add(new Token(TokenKind.Word, start, i - start, line, column));
    }

    private bool ReadQuoted(List<Token> tokens)
    {
        var src = _src;
        var line = _line;
        var column = Column;
        var start = _pos + 1;
        var i = start;
        while (i < src.Length)
        {
            var c = src[i];
            if (c == (byte)'"')
            {
                tokens.Add(new Token(TokenKind.Quoted, start, i - start, line, column));
                _pos = i + 1;
                return true;
            }

            if (c == (byte)'\n')
            {
                break;
            }

            if (c == (byte)'\\' && i + 1 < src.Length && src[i + 1] != (byte)'\n')
            {
                i++;
            }

            i++;
        }

        Error(line, column, "unterminated quoted string: '\"' is never closed on its line");
        _pos = i;
        return false;
    }

    private readonly void Error(int line, int column, string message) =>
        _errors.Add(new ZoneFileError(_file, line, column, message));
}
