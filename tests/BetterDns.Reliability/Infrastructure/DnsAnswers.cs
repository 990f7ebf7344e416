using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace BetterDns.Reliability.Infrastructure;

/// <summary>Asks the embedded DNS server which addresses a name has.</summary>
public sealed class DnsAnswers(IPEndPoint server)
{
    private readonly LookupClient _client = new(new LookupClientOptions(server)
    {
        UseCache = false,
        // Generous: the machine is shared with parallel builds; a lost UDP packet must not fail a test.
        Retries = 3,
        Timeout = TimeSpan.FromSeconds(2),
        ThrowDnsErrors = false,
    });

    /// <summary>The A records for <paramref name="relativeName"/> under the zone, sorted; empty on NXDOMAIN or no data.</summary>
    public async Task<string[]> AAsync(string relativeName)
    {
        var response = await _client.QueryAsync($"{relativeName}.{ZoneFileCheck.Origin}", QueryType.A);
        return [.. response.Answers.OfType<ARecord>().Select(a => a.Address.ToString()).Order(StringComparer.Ordinal)];
    }
}
