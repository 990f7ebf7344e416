using System.Globalization;
using System.Text;

namespace BetterDns.Benchmarks;

/// <summary>
/// Writes a large, realistic zone: an SOA and NS, then hosts with mostly A records, some AAAA, CNAME,
/// MX and TXT, some owners repeated on blank-owner lines. Deterministic for a given count.
/// </summary>
public static class ZoneGenerator
{
    public static void Generate(string path, string origin, int count)
    {
        var random = new Random(20261125);
        using var output = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"$ORIGIN {origin}\n$TTL 3600\n@ IN SOA ns1 hostmaster 2026112501 3h 1h 1w 5m\n@ IN NS ns1\n@ IN NS ns2\nns1 IN A 192.0.2.1\nns2 IN A 192.0.2.2\n"));
        for (var i = 5; i < count;)
        {
            var host = string.Create(CultureInfo.InvariantCulture, $"host{i}");
            var kind = random.Next(100);
            string line = kind switch
            {
                < 80 => string.Create(CultureInfo.InvariantCulture, $"{host} 300 IN A 10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}"),
                < 88 => string.Create(CultureInfo.InvariantCulture, $"{host} IN AAAA 2001:db8:{random.Next(65536):x}::{random.Next(65536):x}"),
                < 93 => string.Create(CultureInfo.InvariantCulture, $"{host} CNAME host{random.Next(1, i)}"),
                < 96 => string.Create(CultureInfo.InvariantCulture, $"{host} MX 10 mail{random.Next(100)}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"{host} TXT \"v=spf1 ip4:10.0.{random.Next(256)}.0/24 -all\""),
            };
            output.Write(line);
            output.Write('\n');
            i++;

            // Every tenth host gets a second record on a blank-owner line.
            if (i % 10 == 0 && i < count && kind < 80)
            {
                output.Write(string.Create(CultureInfo.InvariantCulture, $"    300 IN A 10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}\n"));
                i++;
            }
        }
    }
}
