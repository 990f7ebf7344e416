using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BetterDns.Zone.Model;

namespace BetterDns.Zone.Parsing;

/// <summary>
/// Typed RDATA from presentation tokens. A, AAAA, NS, CNAME, PTR, DNAME, SOA, MX, TXT, SPF, SRV and
/// CAA are read field by field; other types with a mnemonic are kept as their fields
/// (<see cref="OpaqueData"/>); the RFC 3597 generic form <c>\# n hex</c> becomes typed RDATA for the
/// types above and <see cref="UnknownData"/> for the rest.
/// </summary>
internal static class RDataParser
{
    public static RData Parse(RecordType type, ref FieldReader f)
    {
        var (line, column) = f.AtEnd ? (0, 0) : (f.Peek().Line, f.Peek().Column);
        if (!f.AtEnd && IsGenericMarker(ref f))
        {
            return ParseGeneric(type, ref f);
        }

        RData data = type switch
        {
            RecordType.A => new AData(ParseIPv4(ref f)),
            RecordType.AAAA => new AaaaData(ParseIPv6(ref f)),
            RecordType.NS or RecordType.CNAME or RecordType.PTR or RecordType.DNAME =>
                new NameData(type, f.Name("a target domain name")),
            RecordType.MX => new MxData(f.UInt16("an MX preference"), f.Name("a mail exchanger name")),
            RecordType.SOA => ParseSoa(ref f),
            RecordType.TXT or RecordType.SPF => ParseTxt(type, ref f),
            RecordType.SRV => new SrvData(
                f.UInt16("an SRV priority"), f.UInt16("an SRV weight"), f.UInt16("an SRV port"), f.Name("an SRV target name")),
            RecordType.CAA => ParseCaa(ref f),
            // No presentation form but RFC 3597's: NULL (RFC 1035 §3.3.10) and the reserved UINFO, UID, GID, UNSPEC.
            RecordType.NULL or RecordType.UINFO or RecordType.UID or RecordType.GID or RecordType.UNSPEC => throw ExpectGeneric(type, ref f),
            _ when Enum.IsDefined(type) => ParseOpaque(type, ref f),
            _ => throw ExpectGeneric(type, ref f),
        };
        f.ExpectEnd(type);
        if (WireLength(data) is > MaxRDataLength and var length)
        {
            // BIND: "ran out of space". RDLENGTH is 16 bits (RFC 1035 §3.2.1); only text can get this long.
            throw new RecordError(line, column, string.Create(CultureInfo.InvariantCulture,
                $"the {RecordTypes.ToMnemonic(type)} RDATA is {length} octets, more than the {MaxRDataLength} an RR can hold"));
        }

        return data;
    }

    private const int MaxRDataLength = ushort.MaxValue;

    /// <summary>The wire length of RDATA that can outgrow RDLENGTH from a valid zone file line; 0 for the rest.</summary>
    private static int WireLength(RData data) => data switch
    {
        TxtData txt => txt.Strings.Sum(s => 1 + s.Length),
        CaaData caa => 2 + caa.Tag.Length + caa.Value.Length,
        _ => 0,
    };

    /// <summary>Whether generic <c>\#</c> RDATA of this type is decoded into a typed RDATA.</summary>
    public static bool IsTyped(RecordType type) => type is RecordType.A or RecordType.AAAA or RecordType.NS
        or RecordType.CNAME or RecordType.PTR or RecordType.DNAME or RecordType.MX or RecordType.TXT
        or RecordType.SPF or RecordType.SRV or RecordType.CAA or RecordType.SOA;

    private static bool IsGenericMarker(ref FieldReader f)
    {
        var t = f.Peek();
        var bytes = f.Bytes(t);
        return t.Kind == TokenKind.Word && bytes.Length == 2 && bytes[0] == (byte)'\\' && bytes[1] == (byte)'#';
    }

    private static RecordError ExpectGeneric(RecordType type, ref FieldReader f)
    {
        var mnemonic = RecordTypes.ToMnemonic(type);
        if (f.AtEnd)
        {
            return f.EndOfLine($"RFC 3597 generic data ('\\# length hex') for {mnemonic}");
        }

        var t = f.Peek();
        return f.Fail(t, $"expected RFC 3597 generic data ('\\# length hex') for {mnemonic}, found '{TokenText.Display(f.Raw(t))}'");
    }

    internal static uint ParseIPv4(ref FieldReader f)
    {
        var t = f.Next("an IPv4 address");
        var bytes = f.Bytes(t);
        if (t.Kind != TokenKind.Word || !TryParseIPv4(bytes, out var value))
        {
            throw f.Fail(t, $"expected an IPv4 address, found '{TokenText.Display(f.Raw(t))}'");
        }

        return value;
    }

    /// <summary>Strict dotted quad: four decimal octets, no leading zeros, nothing else.</summary>
    internal static bool TryParseIPv4(ReadOnlySpan<byte> s, out uint value)
    {
        value = 0;
        var parts = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            uint octet = 0;
            while (i < s.Length && (uint)(s[i] - '0') <= 9 && i - start < 3)
            {
                octet = (octet * 10) + (uint)(s[i] - '0');
                i++;
            }

            var digits = i - start;
            if (digits == 0 || octet > 255 || (digits > 1 && s[start] == (byte)'0'))
            {
                return false;
            }

            value = (value << 8) | octet;
            parts++;
            if (parts == 4)
            {
                return i == s.Length;
            }

            if (i >= s.Length || s[i] != (byte)'.')
            {
                return false;
            }

            i++;
        }
    }

    private static IPAddress ParseIPv6(ref FieldReader f)
    {
        var t = f.Next("an IPv6 address");
        var bytes = f.Bytes(t);
        if (t.Kind == TokenKind.Word && bytes.Length is > 1 and <= 45 && IsIPv6Text(bytes))
        {
            Span<char> chars = stackalloc char[bytes.Length];
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }

            if (IPAddress.TryParse(chars, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                return address;
            }
        }

        throw f.Fail(t, $"expected an IPv6 address, found '{TokenText.Display(f.Raw(t))}'");
    }

    private static bool IsIPv6Text(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (!(char.IsAsciiHexDigit((char)b) || b == (byte)':' || b == (byte)'.'))
            {
                return false;
            }
        }

        return s.IndexOf((byte)':') >= 0;
    }

    private static SoaData ParseSoa(ref FieldReader f) => new(
        f.Name("the SOA primary name server"),
        f.Name("the SOA responsible mailbox"),
        (uint)f.Number("the SOA serial", uint.MaxValue),
        f.Time("the SOA refresh"),
        f.Time("the SOA retry"),
        f.Time("the SOA expire"),
        f.Time("the SOA minimum"));

    private static TxtData ParseTxt(RecordType type, ref FieldReader f)
    {
        var first = f.CharacterString("a character-string");
        if (f.AtEnd)
        {
            return new TxtData(ImmutableArray.Create(first), type);
        }

        var strings = ImmutableArray.CreateBuilder<string>(f.Remaining + 1);
        strings.Add(first);
        while (!f.AtEnd)
        {
            strings.Add(f.CharacterString());
        }

        return new TxtData(strings.MoveToImmutable(), type);
    }

    private static CaaData ParseCaa(ref FieldReader f)
    {
        var flags = f.UInt8("CAA flags");
        var t = f.Next("a CAA tag");
        var tag = f.Bytes(t);
        if (t.Kind != TokenKind.Word || tag.IsEmpty || !IsAlphanumeric(tag))
        {
            throw f.Fail(t, $"expected a CAA tag (letters and digits), found '{TokenText.Display(f.Raw(t))}'");
        }

        return new CaaData(flags, System.Text.Encoding.ASCII.GetString(tag), f.Octets("a CAA value"));
    }

    private static bool IsAlphanumeric(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (!char.IsAsciiLetterOrDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Index of the fields that are domain names, per type (made absolute so they mean the same under any origin).</summary>
    internal static ReadOnlySpan<int> NameFields(RecordType type) => type switch
    {
        RecordType.NAPTR => [5],
        RecordType.RP => [0, 1],
        RecordType.AFSDB or RecordType.KX or RecordType.RT => [1],
        RecordType.SVCB or RecordType.HTTPS => [1],
        RecordType.NSEC or RecordType.NXT or RecordType.MB or RecordType.MG or RecordType.MR or RecordType.NSAP_PTR => [0],
        RecordType.RRSIG or RecordType.SIG => [7],
        RecordType.MINFO or RecordType.TALINK => [0, 1],
        RecordType.PX => [1, 2],
        RecordType.LP => [1],
        RecordType.DSYNC => [3],
        _ => [],
    };

    /// <summary>
    /// Whether field <paramref name="index"/> is a domain name: the fixed <see cref="NameFields"/>, the
    /// rendezvous servers of HIP (after the key), the gateway of IPSECKEY and the relay of AMTRELAY when
    /// their type is 3, the prefix name of A6 (after the address, or alone when the prefix length is 128).
    /// </summary>
    private static bool IsNameField(RecordType type, int index, List<string> fields) => type switch
    {
        RecordType.HIP => index >= 3,
        RecordType.IPSECKEY => index == 3 && fields[1] == "3",
        RecordType.AMTRELAY => index == 3 && fields[2] == "3",
        RecordType.A6 => index > 0 && index == (fields[0] == "128" ? 1 : 2) && fields[0] != "0",
        _ => NameFields(type).Contains(index),
    };

    private static OpaqueData ParseOpaque(RecordType type, ref FieldReader f)
    {
        var fields = new List<string>(Math.Max(1, f.Remaining));
        if (f.AtEnd)
        {
            throw f.EndOfLine($"the {RecordTypes.ToMnemonic(type)} data");
        }

        var first = f.Peek();
        while (!f.AtEnd)
        {
            if (IsNameField(type, fields.Count, fields))
            {
                fields.Add(f.Name("a domain name").Value);
            }
            else
            {
                var field = f.Next("a field");
                var text = TokenText.Field(f.Raw(field));
                if (type is RecordType.SVCB or RecordType.HTTPS && text.EndsWith('=') && IsQuotedValueOf(field, ref f))
                {
                    // key="value": BIND reads a SvcParam with a quoted value as one field (the word stops at the quote).
                    text += TokenText.Field(f.Raw(f.Next("a SvcParam value")));
                }

                fields.Add(text);
            }
        }

        if (OpaqueFields.Check(type, fields) is { } error)
        {
            throw f.Fail(first, $"{RecordTypes.ToMnemonic(type)}: {error}");
        }

        return new OpaqueData(type, fields);
    }

    /// <summary>True when the next token is a quoted string that starts right after <paramref name="key"/>.</summary>
    private static bool IsQuotedValueOf(Token key, ref FieldReader f) =>
        !f.AtEnd && f.Peek() is { Kind: TokenKind.Quoted } value && value.Start - 1 == key.Start + key.Length && value.Line == key.Line;

    private static RData ParseGeneric(RecordType type, ref FieldReader f)
    {
        f.Next("'\\#'");
        var length = (int)f.Number("the RDATA length in octets", ushort.MaxValue);
        var data = new byte[length];
        var filled = 0;
        Token last = default;
        while (!f.AtEnd)
        {
            last = f.Next("hex digits");
            var hex = f.Bytes(last);
            if (last.Kind != TokenKind.Word || hex.Length % 2 != 0 || filled + (hex.Length / 2) > length
                || !TryDecodeHex(hex, data.AsSpan(filled, hex.Length / 2)))
            {
                throw f.Fail(last, filled + (hex.Length / 2) > length
                    ? $"more RDATA than the {length} octets announced"
                    : $"expected hex digits in pairs, found '{TokenText.Display(f.Raw(last))}'");
            }

            filled += hex.Length / 2;
        }

        if (filled != length)
        {
            var at = last == default ? f.EndOfLine("hex digits") : f.Fail(last, string.Empty);
            throw new RecordError(at.Line, at.Column, $"expected {length} octets of RDATA, found {filled.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!IsTyped(type))
        {
            return new UnknownData(type, data);
        }

        return WireDecoder.Decode(type, data, out var error)
            ?? throw (last == default ? f.EndOfLine("valid RDATA") : f.Fail(last, error!));
    }

    private static bool TryDecodeHex(ReadOnlySpan<byte> hex, Span<byte> output)
    {
        for (var i = 0; i < output.Length; i++)
        {
            var hi = HexValue(hex[2 * i]);
            var lo = HexValue(hex[(2 * i) + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            output[i] = (byte)((hi << 4) | lo);
        }

        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
