using System.Globalization;

namespace BetterDns.Zone.Model;

/// <summary>Mnemonics of RR types, and the RFC 3597 "TYPEnnn" form for the rest.</summary>
public static class RecordTypes
{
    /// <summary>Mnemonics of meta types (RFC 6895 §3.1): known, so that a zone file naming one is told why it is refused.</summary>
    private static readonly Dictionary<RecordType, string> MetaNames = new()
    {
        [(RecordType)41] = "OPT",
        [(RecordType)249] = "TKEY",
        [(RecordType)250] = "TSIG",
        [(RecordType)251] = "IXFR",
        [(RecordType)252] = "AXFR",
        [(RecordType)253] = "MAILB",
        [(RecordType)254] = "MAILA",
        [(RecordType)255] = "ANY",
    };

    private static readonly Dictionary<string, RecordType> ByName =
        Enum.GetValues<RecordType>().Select(t => KeyValuePair.Create(Describe(t), t))
            .Concat(MetaNames.Select(m => KeyValuePair.Create(m.Value, m.Key)))
            .ToDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Types that are never data: 0, OPT (41) and the query/meta range 128–255 (RFC 6895 §3.1), which
    /// BIND refuses in a zone file as "invalid use of a meta type".
    /// </summary>
    public static bool IsMeta(RecordType type) => type is 0 or (RecordType)41 || (ushort)type is >= 128 and <= 255;

    /// <summary>"A", "MX", … or "TYPE65534" for a type with no mnemonic.</summary>
    public static string ToMnemonic(RecordType type) =>
        (int)type < Mnemonics.Length ? Mnemonics[(int)type] : Describe(type);

    /// <summary>Mnemonics of the types below 512, computed once: writers ask for one per record.</summary>
    private static readonly string[] Mnemonics = Enumerable.Range(0, 512).Select(t => Describe((RecordType)t)).ToArray();

    private static string Describe(RecordType type) =>
        type == RecordType.NSAP_PTR ? "NSAP-PTR"
        : Enum.IsDefined(type) ? type.ToString()
        : MetaNames.TryGetValue(type, out var meta) ? meta
        : "TYPE" + ((ushort)type).ToString(CultureInfo.InvariantCulture);

    /// <summary>Accepts a mnemonic (any case) or "TYPEnnn".</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out RecordType type)
    {
        var lookup = ByName.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out type))
        {
            return true;
        }

        if (text.Length > 4 && text[..4].Equals("TYPE", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(text[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            type = (RecordType)code;
            return true;
        }

        type = default;
        return false;
    }
}
