namespace BetterDns.Zone.Parsing;

/// <summary>Thrown inside the parser to abandon one record; the reader turns it into a <see cref="ZoneFileError"/>.</summary>
internal sealed class RecordError(int line, int column, string message) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
