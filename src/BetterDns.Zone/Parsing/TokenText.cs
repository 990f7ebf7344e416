using System.Text;

namespace BetterDns.Zone.Parsing;

/// <summary>Turns token bytes into the strings the model holds.</summary>
internal static class TokenText
{
    private const int MaxShown = 64;

    /// <summary>The token as a person would read it in an error message (UTF-8, shortened).</summary>
    public static string Display(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.Length > MaxShown * 4 ? bytes[..(MaxShown * 4)] : bytes);
        text = text.Length > MaxShown ? text[..MaxShown] + "…" : text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsControl(c) ? '?' : c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Decodes a character-string (<c>\X</c> is X, <c>\DDD</c> is one octet) into an octet string
    /// (one char per octet). Null and an error when an escape is bad.
    /// </summary>
    public static string? DecodeOctets(ReadOnlySpan<byte> bytes, out string? error)
    {
        error = null;
        if (bytes.IndexOf((byte)'\\') < 0)
        {
            return Encoding.Latin1.GetString(bytes);
        }

        var sb = new StringBuilder(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b != (byte)'\\')
            {
                sb.Append((char)b);
                continue;
            }

            if (i + 1 >= bytes.Length)
            {
                error = "a '\\' at the end of a string escapes nothing";
                return null;
            }

            if (IsDigit(bytes[i + 1]))
            {
                if (i + 3 >= bytes.Length || !IsDigit(bytes[i + 2]) || !IsDigit(bytes[i + 3]))
                {
                    error = "a '\\DDD' escape needs three decimal digits";
                    return null;
                }

                var value = ((bytes[i + 1] - '0') * 100) + ((bytes[i + 2] - '0') * 10) + (bytes[i + 3] - '0');
                if (value > 255)
                {
                    error = $"'\\{value}' is not an octet (at most \\255)";
                    return null;
                }

                sb.Append((char)value);
                i += 3;
            }
            else
            {
                sb.Append((char)bytes[i + 1]);
                i++;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// A presentation field kept as text (OpaqueData): ASCII as is, other octets as <c>\DDD</c> so the
    /// field survives being written as UTF-8 and read back.
    /// </summary>
    public static string Field(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Ascii.IsValid(bytes))
        {
            return Encoding.ASCII.GetString(bytes);
        }

        var sb = new StringBuilder(bytes.Length + 8);
        foreach (var b in bytes)
        {
            if (b < 0x80)
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
