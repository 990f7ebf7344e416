using BetterDns.Zone.Model;

namespace BetterDns.Dns.Wire;

/// <summary>Conversions between <see cref="DomainName"/> and flat wire-form names (length-prefixed labels).</summary>
public static class WireName
{
    /// <summary>The name in uncompressed wire form, case preserved.</summary>
    public static byte[] From(DomainName name)
    {
        var result = new byte[name.WireLength()];
        var at = 0;
        foreach (var label in name.WireLabels())
        {
            result[at++] = (byte)label.Length;
            label.CopyTo(result, at);
            at += label.Length;
        }

        result[at] = 0;
        return result;
    }

    /// <summary>The name lower-cased (ASCII only): the lookup key the zone index uses.</summary>
    public static byte[] KeyFrom(DomainName name)
    {
        var wire = From(name);
        ToLowerAscii(wire, wire);
        return wire;
    }

    /// <summary>Lower-cases the ASCII letters of a flat name; length octets (at most 63) are never letters.</summary>
    public static void ToLowerAscii(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = ToLowerAscii(source[i]);
        }
    }

    public static byte ToLowerAscii(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;

    /// <summary>Presentation form of a flat wire name ("www.example.test."), for logs and tests.</summary>
    public static DomainName ToDomainName(ReadOnlySpan<byte> wire)
    {
        if (wire.Length <= 1)
        {
            return DomainName.Root;
        }

        var text = new System.Text.StringBuilder(wire.Length);
        var at = 0;
        while (at < wire.Length && wire[at] != 0)
        {
            var length = wire[at];
            foreach (var b in wire.Slice(at + 1, length))
            {
                if (b is (byte)'.' or (byte)'\\' or (byte)'"' or (byte)';' or (byte)'(' or (byte)')' or (byte)'@' or (byte)'$')
                {
                    text.Append('\\').Append((char)b);
                }
                else if (b is > 0x20 and < 0x7f)
                {
                    text.Append((char)b);
                }
                else
                {
                    text.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            text.Append('.');
            at += 1 + length;
        }

        return DomainName.Parse(text.ToString());
    }
}
