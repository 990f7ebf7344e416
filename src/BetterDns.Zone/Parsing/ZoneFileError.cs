namespace BetterDns.Zone.Parsing;

/// <summary>One problem in a zone file: where it is (1-based line and column) and what was expected.</summary>
public sealed record ZoneFileError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
