namespace BetterDns.Zone.Parsing;

internal enum TokenKind : byte
{
    /// <summary>An unquoted run of bytes; escapes are still in it.</summary>
    Word,

    /// <summary>A quoted string; Start and Length cover the bytes between the quotes.</summary>
    Quoted,
}

/// <summary>One token of a record: where its bytes are in the source, and its 1-based line and column.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, int Line, int Column);
