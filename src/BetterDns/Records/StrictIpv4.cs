using System.Net;

namespace BetterDns.Records;

/// <summary>
/// Dotted-quad IPv4 as RFC 1035 zone files write it and nothing else: exactly four decimal octets
/// 0-255, ASCII digits, no leading zeros (010 is octal to some parsers), no shorthand like "1.2.3".
/// <see cref="IPAddress.TryParse(string, out IPAddress)"/> accepts all of those, so it is not used.
/// </summary>
public static class StrictIpv4
{
    public static bool TryParse(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        Span<byte> octets = stackalloc byte[4];
        var index = 0;
        var position = 0;
        while (index < 4)
        {
            var start = position;
            var value = 0;
            while (position < text.Length && char.IsAsciiDigit(text[position]) && position - start < 3)
            {
                value = value * 10 + (text[position] - '0');
                position++;
            }

            var digits = position - start;
            if (digits == 0 || value > 255 || digits > 1 && text[start] == '0')
            {
                return false;
            }

            octets[index++] = (byte)value;
            if (index < 4)
            {
                if (position >= text.Length || text[position] != '.')
                {
                    return false;
                }

                position++;
            }
        }

        if (position != text.Length)
        {
            return false;
        }

        address = new IPAddress(octets);
        return true;
    }
}
