namespace BetterDns.Dns.Wire;

/// <summary>What the parser decided about an incoming message.</summary>
public enum QueryVerdict
{
    /// <summary>A well-formed standard query with one question.</summary>
    Query,

    /// <summary>Too short to answer, or itself a response: say nothing (never answer a response).</summary>
    Drop,

    /// <summary>Malformed: answer FORMERR (with the question when it could be read).</summary>
    FormatError,

    /// <summary>An opcode other than QUERY: answer NOTIMP.</summary>
    NotImplemented,
}

/// <summary>
/// A parsed query. The question name is not copied here: the parser writes it into a buffer the
/// caller owns, so parsing allocates nothing. <see cref="QuestionEnd"/> marks where the question
/// section ends, so a reply can echo the question octet for octet (0x20 case randomisation survives).
/// </summary>
public struct DnsQuery
{
    public ushort Id;
    public ushort Flags;
    public int Opcode;

    /// <summary>Offset just past the question section; 0 when the question could not be read.</summary>
    public int QuestionEnd;

    public int NameLength;
    public ushort QuestionType;
    public ushort QuestionClass;

    public bool HasEdns;
    public ushort EdnsPayloadSize;
    public byte EdnsVersion;
    public bool EdnsDnssecOk;

    /// <summary>Why a query was refused as malformed, for the debug log.</summary>
    public string? Error;

    public readonly bool RecursionDesired => (Flags & DnsHeader.RecursionDesired) != 0;

    public readonly bool CheckingDisabled => (Flags & DnsHeader.CheckingDisabled) != 0;
}
