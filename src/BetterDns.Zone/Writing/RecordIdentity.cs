using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;

namespace BetterDns.Zone.Writing;

/// <summary>
/// When two records are the same record to BIND's loader, which keeps one: owner names compare without
/// case (RFC 4343), and so do the names inside RDATA of the types whose names RFC 4034 §6.2 (as
/// amended by RFC 6840 §5.1) lower-cases. NSEC and SVCB/HTTPS targets, text and binary fields keep
/// their case, as in BIND's comparison. TTL is not part of it: records of one RRset share a TTL.
/// </summary>
internal static class RecordIdentity
{
    public static string Of(ResourceRecord record) =>
        $"{LowerAscii(record.Owner.Value)} {(ushort)record.Class} {(ushort)record.Type} {FoldedRData(record.Data)}";

    private static string FoldedRData(RData data) => data switch
    {
        NameData or MxData or SrvData or SoaData => LowerAscii(data.ToPresentation()),
        OpaqueData opaque when HasFoldedNames(opaque.Type) => FoldNameFields(opaque),
        _ => data.ToPresentation(),
    };

    /// <summary>Types of RFC 4034 §6.2 (less NSEC, RFC 6840 §5.1) held as presentation fields.</summary>
    private static bool HasFoldedNames(RecordType type) => type is RecordType.RP or RecordType.AFSDB
        or RecordType.RT or RecordType.KX or RecordType.NAPTR or RecordType.RRSIG or RecordType.SIG
        or RecordType.NXT or RecordType.PX or RecordType.MINFO or RecordType.MB or RecordType.MG or RecordType.MR;

    private static string FoldNameFields(OpaqueData opaque)
    {
        var names = RDataParser.NameFields(opaque.Type);
        var fields = new string[opaque.Fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = names.Contains(i) ? LowerAscii(opaque.Fields[i]) : opaque.Fields[i];
        }

        return string.Join(' ', fields);
    }

    private static string LowerAscii(string text) =>
        text.Any(char.IsAsciiLetterUpper)
            ? string.Create(text.Length, text, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
                }
            })
            : text;
}
