using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using BetterDns.Zone.Model;

namespace BetterDns.Zone.Parsing;

/// <summary>
/// Checks the presentation fields of the types kept as fields (<see cref="OpaqueData"/>) that were
/// added for BIND parity (ZONEMD, KEY, SIG, NXT, EUI48, …), and brings them to the form BIND prints
/// (type mnemonics upper-cased, EUI and NSAP hex lower-cased, NID/L64 groups without leading zeros).
/// Names were already read and made absolute by the parser. Returns an error message, or null.
/// </summary>
internal static partial class OpaqueFields
{
    public static string? Check(RecordType type, List<string> f) => type switch
    {
        RecordType.ZONEMD => Count(f, 4, null) ?? Num(f, 0, uint.MaxValue, "serial") ?? Num(f, 1, 255, "scheme")
            ?? Num(f, 2, 255, "hash algorithm") ?? Hex(f, 3, "digest") ?? DigestLength(f),
        RecordType.KEY => Count(f, 3, null) ?? Num(f, 0, ushort.MaxValue, "flags") ?? Num(f, 1, 255, "protocol")
            ?? Num(f, 2, 255, "algorithm") ?? Base64(f, 3, "key", required: false),
        RecordType.SIG => Count(f, 9, null) ?? Types(f, 0, 1) ?? Num(f, 1, 255, "algorithm") ?? Num(f, 2, 255, "labels")
            ?? Num(f, 3, uint.MaxValue, "original TTL") ?? SigTime(f, 4) ?? SigTime(f, 5) ?? Num(f, 6, ushort.MaxValue, "key tag")
            ?? Base64(f, 8, "signature", required: true),
        RecordType.NXT => Count(f, 1, null) ?? Types(f, 1, f.Count - 1),
        RecordType.RRSIG => Types(f, 0, 1), // only the covered type, upper-cased as BIND prints it; the rest is not checked yet
        RecordType.CSYNC => Count(f, 2, null) ?? Num(f, 0, uint.MaxValue, "SOA serial") ?? Num(f, 1, ushort.MaxValue, "flags")
            ?? Types(f, 2, f.Count - 2),
        RecordType.EUI48 => Count(f, 1, 1) ?? Eui(f, 6),
        RecordType.EUI64 => Count(f, 1, 1) ?? Eui(f, 8),
        RecordType.HIP => Count(f, 3, null) ?? Num(f, 0, 255, "PK algorithm") ?? Hex(f, 1, "HIT", single: true)
            ?? Base64Word(f, 2, "public key"),
        RecordType.DHCID => Count(f, 1, null) ?? Base64(f, 0, "DHCID data", required: true),
        RecordType.IPSECKEY => Count(f, 4, null) ?? Num(f, 0, 255, "precedence") ?? Num(f, 1, 3, "gateway type")
            ?? Num(f, 2, 255, "algorithm") ?? Gateway(f) ?? Base64(f, 4, "public key", required: false),
        RecordType.APL => Apl(f),
        RecordType.NID or RecordType.L64 => Count(f, 2, 2) ?? Num(f, 0, ushort.MaxValue, "preference") ?? Locator64(f),
        RecordType.L32 => Count(f, 2, 2) ?? Num(f, 0, ushort.MaxValue, "preference") ?? Address(f, 1, AddressFamily.InterNetwork),
        RecordType.LP => Count(f, 2, 2) ?? Num(f, 0, ushort.MaxValue, "preference"),
        RecordType.PX => Count(f, 3, 3) ?? Num(f, 0, ushort.MaxValue, "preference"),
        RecordType.MINFO => Count(f, 2, 2),
        RecordType.MB or RecordType.MG or RecordType.MR or RecordType.NSAP_PTR => Count(f, 1, 1),
        RecordType.X25 => Count(f, 1, 1) ?? X25(f),
        RecordType.ISDN => Count(f, 1, 2),
        RecordType.GPOS => Count(f, 3, 3), // BIND does not check that the strings are numbers
        RecordType.NSAP => Count(f, 1, 1) ?? Nsap(f),
        RecordType.WKS => Count(f, 2, null) ?? Address(f, 0, AddressFamily.InterNetwork) ?? Wks(f),
        RecordType.DSYNC => Count(f, 4, 4) ?? Types(f, 0, 1) ?? Scheme(f) ?? Num(f, 2, ushort.MaxValue, "port"),
        RecordType.EID or RecordType.NIMLOC => Count(f, 1, null) ?? HexWords(f, 0, upper: true),
        RecordType.ATMA => Count(f, 1, 1) ?? Atma(f),
        RecordType.A6 => A6(f),
        RecordType.SINK => Count(f, 3, null) ?? Num(f, 0, 255, "coding") ?? Num(f, 1, 255, "subcoding")
            ?? Base64(f, 3, "data", required: false),
        RecordType.RKEY => Count(f, 4, null) ?? Num(f, 0, ushort.MaxValue, "flags") ?? Num(f, 1, 255, "protocol")
            ?? Num(f, 2, 255, "algorithm") ?? Base64(f, 3, "key", required: true),
        RecordType.TALINK => Count(f, 2, 2),
        RecordType.HHIT or RecordType.BRID => Count(f, 1, null) ?? Base64(f, 0, "data", required: true),
        RecordType.NINFO or RecordType.AVC or RecordType.RESINFO or RecordType.WALLET => Count(f, 1, null),
        RecordType.DOA => Count(f, 4, null) ?? Num(f, 0, uint.MaxValue, "enterprise") ?? Num(f, 1, uint.MaxValue, "type")
            ?? Num(f, 2, 255, "location") ?? (f.Count == 5 && f[4] == "-" ? null : Base64(f, 4, "data", required: false)),
        RecordType.AMTRELAY => Count(f, 4, null) ?? Num(f, 0, 255, "precedence") ?? Num(f, 1, 1, "discovery optional bit")
            ?? Num(f, 2, 3, "relay type") ?? Gateway([.. f[..1], f[2], f[1], .. f[3..]]),
        RecordType.TA or RecordType.DLV => Count(f, 4, null) ?? Num(f, 0, ushort.MaxValue, "key tag") ?? Num(f, 1, 255, "algorithm")
            ?? Num(f, 2, 255, "digest type") ?? Hex(f, 3, "digest"),
        _ => null,
    };

    /// <summary>Hex words from field <paramref name="i"/> on, each in pairs, joined as BIND prints them.</summary>
    private static string? HexWords(List<string> f, int i, bool upper)
    {
        for (var k = i; k < f.Count; k++)
        {
            if (f[k].Length % 2 != 0 || !f[k].All(char.IsAsciiHexDigit))
            {
                return $"expected hex digits in pairs, found '{f[k]}'";
            }
        }

        var joined = string.Concat(f.Skip(i));
        f.RemoveRange(i, f.Count - i);
        f.Add(upper ? joined.ToUpperInvariant() : joined.ToLowerInvariant());
        return null;
    }

    /// <summary>ATMA: an E.164 number (<c>+</c>, digits, dots dropped) or an NSAP address in hex (lower-cased).</summary>
    private static string? Atma(List<string> f)
    {
        var text = f[0];
        if (text.StartsWith('+'))
        {
            var digits = text[1..].Replace(".", "", StringComparison.Ordinal);
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            {
                return $"expected an E.164 ATM address (+ and digits), found '{text}'";
            }

            f[0] = "+" + digits;
            return null;
        }

        return HexWords(f, 0, upper: false);
    }

    /// <summary>A6 (RFC 2874): prefix length, the address suffix unless it is 128, the prefix name unless it is 0.</summary>
    private static string? A6(List<string> f)
    {
        if ((Count(f, 2, 3) ?? Num(f, 0, 128, "prefix length")) is { } error)
        {
            return error;
        }

        var prefix = int.Parse(f[0], CultureInfo.InvariantCulture);
        var expected = 1 + (prefix < 128 ? 1 : 0) + (prefix > 0 ? 1 : 0);
        if (f.Count != expected)
        {
            return $"expected {expected} fields for prefix length {prefix}, found {f.Count}";
        }

        if (prefix < 128)
        {
            if (Address(f, 1, AddressFamily.InterNetworkV6) is { } bad)
            {
                return bad;
            }

            f[1] = IPAddress.Parse(f[1]).ToString();
        }

        return null;
    }

    private static string? Count(List<string> f, int min, int? max) =>
        f.Count < min ? $"expected at least {min} fields, found {f.Count}"
        : f.Count > max ? $"expected at most {max} fields, found {f.Count}"
        : null;

    private static string? Num(List<string> f, int i, ulong max, string what) =>
        f[i].Length > 0 && f[i].All(char.IsAsciiDigit) && ulong.TryParse(f[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= max
            ? null
            : $"expected the {what} (0 to {max}), found '{f[i]}'";

    /// <summary>SIG times are YYYYMMDDHHmmSS only (BIND refuses seconds there, unlike in RRSIG).</summary>
    private static string? SigTime(List<string> f, int i) =>
        f[i].Length == 14 && f[i].All(char.IsAsciiDigit) ? null : $"expected a time as YYYYMMDDHHmmSS, found '{f[i]}'";

    /// <summary>RFC 8976 §2.2.4: SHA-384 (1) gives 48 octets, SHA-512 (2) 64; any digest has at least 12.</summary>
    private static string? DigestLength(List<string> f)
    {
        var octets = f.Skip(3).Sum(h => h.Length) / 2;
        return (f[2], octets) switch
        {
            ("1", not 48) => $"a SHA-384 digest is 48 octets, found {octets}",
            ("2", not 64) => $"a SHA-512 digest is 64 octets, found {octets}",
            (_, < 12) => $"a digest is at least 12 octets, found {octets}",
            _ => null,
        };
    }

    /// <summary>RFC 1183 §3.1: a PSDN address is at least 4 digits.</summary>
    private static string? X25(List<string> f)
    {
        var text = f[0].Trim('"');
        return text.Length >= 4 && text.All(char.IsAsciiDigit) ? null : $"expected a PSDN address of 4 or more digits, found '{f[0]}'";
    }

    /// <summary>Type mnemonics (or TYPEnnn) from <paramref name="first"/>, upper-cased as BIND prints them.</summary>
    private static string? Types(List<string> f, int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            if (!RecordTypes.TryParse(f[i], out var t))
            {
                return $"expected a type mnemonic, found '{f[i]}'";
            }

            f[i] = RecordTypes.ToMnemonic(t);
        }

        return null;
    }

    /// <summary>Hex from field <paramref name="i"/> to the end (or one word), in pairs.</summary>
    private static string? Hex(List<string> f, int i, string what, bool single = false)
    {
        var text = single ? f[i] : string.Concat(f.Skip(i));
        return text.Length > 0 && text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit) ? null : $"expected the {what} in hex digits, found '{text}'";
    }

    private static string? Base64(List<string> f, int i, string what, bool required)
    {
        var text = string.Concat(f.Skip(i));
        return (text.Length == 0 && !required) || IsBase64(text) ? null : $"expected the {what} in base64, found '{text}'";
    }

    private static string? Base64Word(List<string> f, int i, string what) =>
        IsBase64(f[i]) ? null : $"expected the {what} in base64, found '{f[i]}'";

    private static bool IsBase64(string text) =>
        text.Length > 0 && text.Length % 4 == 0 && Convert.TryFromBase64String(text, new byte[text.Length], out _);

    private static string? Eui(List<string> f, int octets)
    {
        var parts = f[0].Split('-');
        if (parts.Length != octets || parts.Any(p => p.Length != 2 || !p.All(char.IsAsciiHexDigit)))
        {
            return $"expected {octets} hex octets separated by '-', found '{f[0]}'";
        }

        f[0] = f[0].ToLowerInvariant();
        return null;
    }

    private static string? Address(List<string> f, int i, AddressFamily family) =>
        IPAddress.TryParse(f[i], out var a) && a.AddressFamily == family && (family != AddressFamily.InterNetwork || RDataParser.TryParseIPv4(System.Text.Encoding.ASCII.GetBytes(f[i]), out _))
            ? null
            : $"expected an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address, found '{f[i]}'";

    private static string? Gateway(List<string> f) => f[1] switch
    {
        "0" => f[3] == "." ? null : $"expected '.' for gateway type 0, found '{f[3]}'",
        "1" => Address(f, 3, AddressFamily.InterNetwork),
        "2" => Address(f, 3, AddressFamily.InterNetworkV6),
        _ => null, // type 3: a name, read as one by the parser
    };

    /// <summary>NID/L64: four groups of 1–4 hex digits, printed as BIND does (lower case, no leading zeros).</summary>
    private static string? Locator64(List<string> f)
    {
        var groups = f[1].Split(':');
        if (groups.Length != 4 || groups.Any(g => g.Length is 0 or > 4 || !g.All(char.IsAsciiHexDigit)))
        {
            return $"expected a 64-bit locator as four groups of hex digits (like 14:4fff:ff20:ee64), found '{f[1]}'";
        }

        f[1] = string.Join(':', groups.Select(g => ushort.Parse(g, NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString("x", CultureInfo.InvariantCulture)));
        return null;
    }

    private static string? Apl(List<string> f)
    {
        foreach (var item in f)
        {
            var m = AplItem().Match(item);
            var ok = m.Success && (m.Groups[1].Value, IPAddress.TryParse(m.Groups[2].Value, out var a)) switch
            {
                ("1", true) => a!.AddressFamily == AddressFamily.InterNetwork && int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) <= 32,
                ("2", true) => a!.AddressFamily == AddressFamily.InterNetworkV6 && int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) <= 128,
                _ => false,
            };
            if (!ok)
            {
                return $"expected an APL item like 1:192.0.2.0/24 or !2:2001:db8::/32, found '{item}'";
            }
        }

        return null;
    }

    /// <summary>WKS: protocol and services as numbers, services sorted and once each, as BIND prints the bitmap.</summary>
    private static string? Wks(List<string> f)
    {
        if (WellKnownServices.Protocol(f[1]) is not { } protocol)
        {
            return $"expected a protocol (tcp, udp or a number), found '{f[1]}'";
        }

        var ports = new SortedSet<int>();
        foreach (var service in f.Skip(2))
        {
            if (WellKnownServices.Port(service, protocol) is not { } port)
            {
                return $"expected a port number or a known service name, found '{service}'";
            }

            ports.Add(port);
        }

        var address = f[0];
        f.Clear();
        f.Add(address);
        f.Add(protocol.ToString(CultureInfo.InvariantCulture));
        f.AddRange(ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        return null;
    }

    /// <summary>NSAP: <c>0x</c> and hex digits with optional dots, printed as BIND does (lower case, no dots).</summary>
    private static string? Nsap(List<string> f)
    {
        var text = f[0];
        var digits = text.Length > 2 && text[..2].Equals("0x", StringComparison.OrdinalIgnoreCase) ? text[2..].Replace(".", "", StringComparison.Ordinal) : "";
        if (digits.Length == 0 || digits.Length % 2 != 0 || !digits.All(char.IsAsciiHexDigit))
        {
            return $"expected an NSAP address as 0x and hex digits in pairs, found '{text}'";
        }

        f[0] = "0x" + digits.ToLowerInvariant();
        return null;
    }

    /// <summary>DSYNC scheme: a number, or NOTIFY for 1, printed as BIND prints it.</summary>
    private static string? Scheme(List<string> f)
    {
        if (f[1].Equals("NOTIFY", StringComparison.OrdinalIgnoreCase) || f[1] == "1")
        {
            f[1] = "NOTIFY";
            return null;
        }

        return Num(f, 1, 255, "scheme");
    }

    [GeneratedRegex(@"^!?([0-9]+):([0-9A-Fa-f.:]+)/([0-9]{1,3})$")]
    private static partial Regex AplItem();
}
