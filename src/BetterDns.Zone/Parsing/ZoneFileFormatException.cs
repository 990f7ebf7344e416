namespace BetterDns.Zone.Parsing;

/// <summary>A zone file could not be parsed. <see cref="Errors"/> holds every problem found, in file order.</summary>
public sealed class ZoneFileFormatException : Exception
{
    public ZoneFileFormatException(IReadOnlyList<ZoneFileError> errors)
        : base(errors.Count > 0 ? errors[0].ToString() : "invalid zone file")
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("at least one error is needed", nameof(errors));
        }

        Errors = errors;
        File = errors[0].File;
        Line = errors[0].Line;
        Column = errors[0].Column;
    }

    public string File { get; }

    public int Line { get; }

    public int Column { get; }

    public IReadOnlyList<ZoneFileError> Errors { get; }
}
