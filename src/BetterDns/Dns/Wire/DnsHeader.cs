namespace BetterDns.Dns.Wire;

/// <summary>The fixed 12-octet message header (RFC 1035 §4.1.1): offsets and flag bits.</summary>
public static class DnsHeader
{
    public const int Length = 12;

    public const int IdOffset = 0;
    public const int FlagsOffset = 2;
    public const int QuestionCountOffset = 4;
    public const int AnswerCountOffset = 6;
    public const int AuthorityCountOffset = 8;
    public const int AdditionalCountOffset = 10;

    public const ushort QueryResponse = 0x8000;
    public const ushort OpcodeMask = 0x7800;
    public const int OpcodeShift = 11;
    public const ushort AuthoritativeAnswer = 0x0400;
    public const ushort Truncated = 0x0200;
    public const ushort RecursionDesired = 0x0100;
    public const ushort RecursionAvailable = 0x0080;
    public const ushort AuthenticData = 0x0020;
    public const ushort CheckingDisabled = 0x0010;
    public const ushort ResponseCodeMask = 0x000F;

    /// <summary>Classic DNS over UDP without EDNS (RFC 1035 §4.2.1).</summary>
    public const int ClassicUdpPayload = 512;

    /// <summary>The largest message TCP's 2-octet length prefix can carry.</summary>
    public const int MaxMessageLength = 65535;
}
