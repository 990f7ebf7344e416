using System.Globalization;
using System.Text;

namespace BetterDns.Zone.Model;

/// <summary>
/// RFC 1035 &lt;character-string&gt;s: up to 255 octets. Held as strings whose chars are octets
/// (Latin-1), so any byte survives a round trip and equality is plain string equality.
/// </summary>
public static class CharacterString
{
    public const int MaxLength = 255;

    /// <summary>Quotes octets the way BIND prints them: <c>"</c> and <c>\</c> escaped, non-printables as <c>\DDD</c>.</summary>
    public static string Quote(string octets)
    {
        var sb = new StringBuilder(octets.Length + 2);
        sb.Append('"');
        foreach (var c in octets)
        {
            switch (c)
            {
                case '"' or '\\':
                    sb.Append('\\').Append(c);
                    break;
                case >= ' ' and < '\x7f':
                    sb.Append(c);
                    break;
                default:
                    sb.Append('\\').Append(((int)c).ToString("D3", CultureInfo.InvariantCulture));
                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Octets from UTF-8 text (what an API client sends), as a Latin-1 octet string.</summary>
    public static string FromUtf8(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
}
