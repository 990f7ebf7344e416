using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace BetterDns.HealthTests.Infrastructure;

/// <summary>
/// One A query asked with the real <c>dig</c>: the response code, the addresses with the TTLs the server
/// gave them, and, for a negative answer, the TTL of the SOA in the authority section (how long a
/// resolver keeps the negative answer, RFC 2308).
/// </summary>
public sealed record DigReply(string Status, IReadOnlyList<(string Address, uint Ttl)> Answers, uint? NegativeTtl)
{
    public IEnumerable<string> Addresses => Answers.Select(a => a.Address);

    public bool Has(string address) => Status == "NOERROR" && Addresses.Contains(address);

    public static async Task<DigReply> AskAsync(IPEndPoint server, string name, string type = "A")
    {
        var start = new ProcessStartInfo("dig",
            ["@" + server.Address, "-p", server.Port.ToString(CultureInfo.InvariantCulture), name, type,
             "+noall", "+comments", "+answer", "+authority", "+time=2", "+tries=2"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var dig = Process.Start(start) ?? throw new InvalidOperationException("dig did not start (apt-get install bind9-dnsutils)");
        var output = await dig.StandardOutput.ReadToEndAsync();
        await dig.WaitForExitAsync();
        return Parse(output);
    }

    public static DigReply Parse(string output)
    {
        var status = "NO ANSWER";
        var answers = new List<(string, uint)>();
        uint? negative = null;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var header = line.IndexOf("status: ", StringComparison.Ordinal);
            if (line.StartsWith(';') && header >= 0)
            {
                status = line[(header + "status: ".Length)..].Split(',')[0];
                continue;
            }

            if (line.StartsWith(';'))
            {
                continue;
            }

            // owner TTL class type data…
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && uint.TryParse(fields[1], CultureInfo.InvariantCulture, out var ttl))
            {
                if (fields[3] == "A")
                {
                    answers.Add((fields[4], ttl));
                }
                else if (fields[3] == "SOA")
                {
                    negative = ttl;
                }
            }
        }

        return new DigReply(status, answers, negative);
    }

    public override string ToString() =>
        $"{Status} [{string.Join(", ", Answers.Select(a => $"{a.Address} ttl {a.Ttl}"))}]{(NegativeTtl is { } n ? $" SOA ttl {n}" : "")}";
}
