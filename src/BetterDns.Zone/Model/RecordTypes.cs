using System.Globalization;

namespace BetterDns.Zone.Model;

/// <summary>Mnemonics of RR types, and the RFC 3597 "TYPEnnn" form for the rest.</summary>
public static class RecordTypes
{
    private static readonly Dictionary<string, RecordType> ByName =
        Enum.GetValues<RecordType>().ToDictionary(t => t.ToString(), t => t, StringComparer.OrdinalIgnoreCase);

    /// <summary>"A", "MX", … or "TYPE65534" for a type with no mnemonic.</summary>
    public static string ToMnemonic(RecordType type) =>
        (int)type < Mnemonics.Length ? Mnemonics[(int)type] : Describe(type);

    /// <summary>Mnemonics of the types below 512, computed once: writers ask for one per record.</summary>
    private static readonly string[] Mnemonics = Enumerable.Range(0, 512).Select(t => Describe((RecordType)t)).ToArray();

    private static string Describe(RecordType type) =>
        Enum.IsDefined(type) ? type.ToString() : "TYPE" + ((ushort)type).ToString(CultureInfo.InvariantCulture);

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
