using System.Net;
using BetterDns.Zone.Model;
using CliWrap;
using CliWrap.Buffered;
using DnsClient;
using DnsClient.Protocol;

namespace BetterDns.ControllerTests.Infrastructure;

/// <summary>Asks a server on loopback, with DnsClient or with <c>dig</c>, which addresses a name has.</summary>
public sealed class Resolver(IPEndPoint server)
{
    private readonly LookupClient _client = new(new LookupClientOptions(server)
    {
        UseCache = false,
        // Generous: the machine is shared with parallel builds; a lost UDP packet must not fail a test.
        Retries = 2,
        Timeout = TimeSpan.FromSeconds(1),
        ThrowDnsErrors = false,
    });

    /// <summary>The A records DnsClient receives for <paramref name="name"/>, sorted; empty on no answer.</summary>
    public async Task<string[]> AAsync(DomainName name)
    {
        try
        {
            var response = await _client.QueryAsync(name.Value, QueryType.A);
            return [.. response.Answers.OfType<ARecord>().Select(a => a.Address.ToString()).Order(StringComparer.Ordinal)];
        }
        catch (DnsResponseException)
        {
            return [];
        }
    }

    /// <summary>The response code for an A query of <paramref name="name"/> (NXDOMAIN for a removed name).</summary>
    public async Task<DnsResponseCode?> RcodeAsync(DomainName name)
    {
        try
        {
            return (DnsResponseCode)(await _client.QueryAsync(name.Value, QueryType.A)).Header.ResponseCode;
        }
        catch (DnsResponseException)
        {
            return null;
        }
    }

    /// <summary><c>dig +short</c>: the A records the real BIND client prints, sorted.</summary>
    public async Task<string[]> DigAAsync(DomainName name)
    {
        var result = await CliWrap.Cli.Wrap("dig")
            .WithArguments(["@" + server.Address, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                name.Value, "A", "+short", "+time=1", "+tries=3"])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith(';'))
            .Order(StringComparer.Ordinal)];
    }
}
