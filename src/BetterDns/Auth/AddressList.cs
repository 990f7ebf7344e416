using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using BetterDns.Records;

namespace BetterDns.Auth;

/// <summary>
/// The addresses a token lists (<c>--ips 10.0.0.5,10.0.1.0/24</c>), parsed strictly: each entry is a
/// dotted-quad IPv4 address or an IPv4 CIDR range whose prefix (0-32, no leading zeros) leaves no host
/// bits set. Anything else is refused rather than guessed at: a token must grant exactly what it says.
/// </summary>
public static class AddressList
{
    /// <summary>Parses one entry; false with a message naming the rule otherwise.</summary>
    public static bool TryParse(string text, out IPNetwork network, out string? error)
    {
        network = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!StrictIpv4.TryParse(addressText, out var address))
        {
            error = $"'{text}' is not an IPv4 address (dotted quad, e.g. 10.0.0.5) or CIDR range (e.g. 10.0.1.0/24).";
            return false;
        }

        var prefix = 32;
        if (slash >= 0)
        {
            var prefixText = text[(slash + 1)..];
            if (prefixText.Length is 0 or > 2 || !prefixText.All(char.IsAsciiDigit) || prefixText.Length > 1 && prefixText[0] == '0'
                || (prefix = int.Parse(prefixText, CultureInfo.InvariantCulture)) > 32)
            {
                error = $"'{text}' has a prefix length that is not a number from 0 to 32.";
                return false;
            }
        }

        var bits = BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
        var hostMask = prefix == 32 ? 0u : uint.MaxValue >> prefix;
        if ((bits & hostMask) != 0)
        {
            var start = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(start, bits & ~hostMask);
            error = $"'{text}' has host bits set after the /{prefix} prefix; did you mean {new IPAddress(start)}/{prefix}?";
            return false;
        }

        network = new IPNetwork(address, prefix);
        error = null;
        return true;
    }

    /// <summary>Splits a comma-separated list (as the CLI takes it) and parses every entry; the first bad one stops it.</summary>
    public static bool TryParseList(IEnumerable<string> texts, out IReadOnlyList<IPNetwork> networks, out string? error)
    {
        List<IPNetwork> parsed = [];
        networks = parsed;
        foreach (var text in texts.SelectMany(t => t.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (!TryParse(text, out var network, out error))
            {
                return false;
            }

            if (!parsed.Contains(network))
            {
                parsed.Add(network);
            }
        }

        error = null;
        return true;
    }

    /// <summary>An entry as the claim carries it: a bare address for a /32, CIDR otherwise.</summary>
    public static string Format(IPNetwork network) =>
        network.PrefixLength == 32 ? network.BaseAddress.ToString() : network.ToString();
}
