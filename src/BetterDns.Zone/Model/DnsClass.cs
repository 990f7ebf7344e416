using System.Globalization;

namespace BetterDns.Zone.Model;

/// <summary>DNS classes. Zone files are almost always IN; CH and HS are accepted for completeness.</summary>
public enum DnsClass : ushort
{
    IN = 1,
    CH = 3,
    HS = 4,
}

/// <summary>Mnemonics of DNS classes, and the RFC 3597 "CLASSnnn" form.</summary>
public static class DnsClasses
{
    public static string ToMnemonic(DnsClass c) => c switch
    {
        DnsClass.IN => "IN",
        DnsClass.CH => "CH",
        DnsClass.HS => "HS",
        _ => "CLASS" + ((ushort)c).ToString(CultureInfo.InvariantCulture),
    };

    public static bool TryParse(ReadOnlySpan<char> text, out DnsClass c)
    {
        if (text.Equals("IN", StringComparison.OrdinalIgnoreCase)) { c = DnsClass.IN; return true; }
        if (text.Equals("CH", StringComparison.OrdinalIgnoreCase)) { c = DnsClass.CH; return true; }
        if (text.Equals("HS", StringComparison.OrdinalIgnoreCase)) { c = DnsClass.HS; return true; }
        if (text.Length > 5 && text[..5].Equals("CLASS", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            c = (DnsClass)code;
            return true;
        }

        c = default;
        return false;
    }
}
