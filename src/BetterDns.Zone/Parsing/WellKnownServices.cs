using System.Globalization;

namespace BetterDns.Zone.Parsing;

/// <summary>
/// Protocol and service names of WKS records (RFC 1035 §3.4.2), resolved as BIND resolves them: through
/// the system's services database (<c>/etc/services</c>, what getservbyname reads), with the protocols
/// BIND itself knows (tcp, udp) and a few common services for systems without the file.
/// </summary>
internal static class WellKnownServices
{
    private static readonly Lazy<Dictionary<(string Name, string Protocol), int>> Services = new(Load);

    public static int? Protocol(string text) => text.ToLowerInvariant() switch
    {
        "tcp" => 6,
        "udp" => 17,
        _ when byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    public static int? Port(string text, int protocol)
    {
        if (ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return port;
        }

        var name = protocol switch { 6 => "tcp", 17 => "udp", _ => null };
        return name is not null && Services.Value.TryGetValue((text.ToLowerInvariant(), name), out var known) ? known : null;
    }

    private static Dictionary<(string, string), int> Load()
    {
        var table = new Dictionary<(string, string), int>();
        foreach (var (service, port) in new[] { ("ftp", 21), ("ssh", 22), ("telnet", 23), ("smtp", 25), ("domain", 53), ("http", 80), ("pop3", 110), ("ntp", 123), ("imap", 143), ("https", 443) })
        {
            table[(service, "tcp")] = port;
            table[(service, "udp")] = port;
        }

        const string file = "/etc/services";
        if (!File.Exists(file))
        {
            return table;
        }

        foreach (var line in File.ReadLines(file))
        {
            // "smtp 25/tcp mail" : name, port/protocol, aliases; '#' starts a comment.
            var fields = line.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[1].Split('/') is not [var number, var protocol]
                || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                continue;
            }

            foreach (var name in fields.Where((_, i) => i != 1))
            {
                table[(name.ToLowerInvariant(), protocol.ToLowerInvariant())] = port;
            }
        }

        return table;
    }
}
