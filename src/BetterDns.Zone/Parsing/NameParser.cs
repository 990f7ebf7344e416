using System.Text;
using BetterDns.Zone.Model;

namespace BetterDns.Zone.Parsing;

/// <summary>
/// Domain names from token bytes: <c>@</c>, relative and absolute names, <c>\.</c> and <c>\DDD</c>
/// escapes, the 63-octet label and 255-octet name limits. Plain names (the common case) become a
/// <see cref="DomainName"/> with one string allocation (one byte[] when the origin is in the compact
/// form: <see cref="ZoneParserOptions.CompactRecords"/>); names with escapes or special octets are
/// normalised to the form <see cref="DomainName"/> prints.
/// </summary>
internal static class NameParser
{
    public static bool TryParse(ReadOnlySpan<byte> t, DomainName origin, int originWire, out DomainName name, out string? error)
    {
        name = default;
        error = null;
        if (t.Length == 1)
        {
            if (t[0] == (byte)'@')
            {
                name = origin;
                return true;
            }

            if (t[0] == (byte)'.')
            {
                name = DomainName.Root;
                return true;
            }
        }

        if (t.IsEmpty)
        {
            error = "expected a domain name, found nothing";
            return false;
        }

        var plain = true;
        var absolute = false;
        var labelLength = 0;
        var wire = 0;
        var labelStart = 0;
        for (var i = 0; i < t.Length; i++)
        {
            var b = t[i];
            if (b == (byte)'.')
            {
                if (labelLength == 0)
                {
                    error = $"empty label in '{TokenText.Display(t)}'";
                    return false;
                }

                wire += 1 + labelLength;
                labelLength = 0;
                labelStart = i + 1;
                absolute = i == t.Length - 1;
                continue;
            }

            if (b == (byte)'\\')
            {
                plain = false;
                if (i + 1 >= t.Length)
                {
                    error = $"a '\\' at the end of '{TokenText.Display(t)}' escapes nothing";
                    return false;
                }

                if (IsDigit(t[i + 1]))
                {
                    if (i + 3 >= t.Length || !IsDigit(t[i + 2]) || !IsDigit(t[i + 3])
                        || ((t[i + 1] - '0') * 100) + ((t[i + 2] - '0') * 10) + (t[i + 3] - '0') > 255)
                    {
                        error = $"bad '\\DDD' escape in '{TokenText.Display(t)}': three decimal digits up to 255 are needed";
                        return false;
                    }

                    i += 3;
                }
                else
                {
                    i++;
                }
            }
            else if (!IsPlain(b))
            {
                plain = false;
            }

            if (++labelLength > DomainName.MaxLabelLength)
            {
                var full = LabelOctets(t, labelStart);
                error = $"label is {full} octets long, the limit is {DomainName.MaxLabelLength}";
                return false;
            }
        }

        if (labelLength > 0)
        {
            wire += 1 + labelLength;
        }

        var total = absolute ? wire + 1 : wire + originWire;
        if (total > DomainName.MaxWireLength)
        {
            error = $"name is {total} octets long, the limit is {DomainName.MaxWireLength}";
            return false;
        }

        if (origin.IsCompact)
        {
            name = DomainName.FromTrustedAscii(plain ? PlainOctets(t, absolute, origin) : Encoding.ASCII.GetBytes(Normalised(t, absolute, origin)));
        }
        else
        {
            name = DomainName.FromTrusted(plain ? Plain(t, absolute, origin) : Normalised(t, absolute, origin));
        }

        return true;
    }

    internal static bool IsPlain(byte b) =>
        b is > 0x20 and < 0x7f and not ((byte)'.' or (byte)'\\' or (byte)'"' or (byte)';' or (byte)'('
            or (byte)')' or (byte)'@' or (byte)'$');

    private static string Plain(ReadOnlySpan<byte> t, bool absolute, DomainName origin)
    {
        if (absolute)
        {
            return Encoding.Latin1.GetString(t);
        }

        var suffix = origin.IsRoot ? "." : origin.Value;
        var extra = origin.IsRoot ? 0 : 1;
        Span<char> buffer = stackalloc char[t.Length + extra + suffix.Length];
        Encoding.Latin1.GetChars(t, buffer);
        if (extra == 1)
        {
            buffer[t.Length] = '.';
        }

        suffix.AsSpan().CopyTo(buffer[(t.Length + extra)..]);
        return new string(buffer);
    }

    /// <summary>Like <see cref="Plain"/>, in the compact form (<paramref name="origin"/> is compact).</summary>
    private static byte[] PlainOctets(ReadOnlySpan<byte> t, bool absolute, DomainName origin)
    {
        if (absolute)
        {
            return t.ToArray();
        }

        var suffix = origin.Text;
        var extra = origin.IsRoot ? 0 : 1;
        var octets = GC.AllocateUninitializedArray<byte>(t.Length + extra + (origin.IsRoot ? 1 : suffix.Length));
        t.CopyTo(octets);
        if (origin.IsRoot)
        {
            octets[^1] = (byte)'.';
        }
        else
        {
            octets[t.Length] = (byte)'.';
            suffix.CopyTo(octets.AsSpan(t.Length + 1));
        }

        return octets;
    }

    private static string Normalised(ReadOnlySpan<byte> t, bool absolute, DomainName origin)
    {
        var sb = new StringBuilder(t.Length + 16);
        Span<byte> label = stackalloc byte[DomainName.MaxLabelLength];
        var length = 0;
        var body = absolute ? t[..^1] : t;
        for (var i = 0; i <= body.Length; i++)
        {
            if (i == body.Length || body[i] == (byte)'.')
            {
                sb.Append(DomainName.EncodeLabel(label[..length])).Append('.');
                length = 0;
                continue;
            }

            var b = body[i];
            if (b == (byte)'\\')
            {
                if (IsDigit(body[i + 1]))
                {
                    b = (byte)(((body[i + 1] - '0') * 100) + ((body[i + 2] - '0') * 10) + (body[i + 3] - '0'));
                    i += 3;
                }
                else
                {
                    b = body[i + 1];
                    i++;
                }
            }

            label[length++] = b;
        }

        if (!absolute && !origin.IsRoot)
        {
            sb.Append(origin.Value);
        }

        return sb.ToString();
    }

    /// <summary>Octets in the label that starts at <paramref name="start"/>.</summary>
    private static int LabelOctets(ReadOnlySpan<byte> t, int start)
    {
        var n = 0;
        for (var i = start; i < t.Length && t[i] != (byte)'.'; i++)
        {
            if (t[i] == (byte)'\\' && i + 1 < t.Length)
            {
                i += IsDigit(t[i + 1]) ? 3 : 1;
            }

            n++;
        }

        return n;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
