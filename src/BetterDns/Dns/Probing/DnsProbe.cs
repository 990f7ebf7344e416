using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using BetterDns.Zone.Model;
using DnsClient;
using DnsClient.Protocol;

namespace BetterDns.Dns.Probing;

/// <summary>
/// Asks a DNS server questions with DnsClient: "do you serve the zone?" (its SOA) and "which
/// addresses do you answer for this name?". One client per endpoint, no cache, no retries: the
/// caller decides when to ask again.
/// </summary>
public sealed class DnsProbe(TimeSpan timeout)
{
    private readonly ConcurrentDictionary<IPEndPoint, LookupClient> _clients = new();

    /// <summary>True when <paramref name="server"/> answers the SOA of <paramref name="origin"/> authoritatively.</summary>
    public async Task<bool> AnswersSoaAsync(IPEndPoint server, DomainName origin, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Client(server).QueryAsync(origin.Value, QueryType.SOA, QueryClass.IN, cancellationToken);
            return !response.HasError && response.Answers.SoaRecords().Any();
        }
        catch (Exception e) when (IsNoAnswer(e, cancellationToken))
        {
            return false;
        }
    }

    /// <summary>
    /// The addresses <paramref name="server"/> answers for <paramref name="name"/>: A records for IPv4,
    /// AAAA for IPv6. Empty when it does not answer (yet).
    /// </summary>
    public async Task<IReadOnlySet<IPAddress>> AddressesAsync(
        IPEndPoint server, DomainName name, AddressFamily family, CancellationToken cancellationToken)
    {
        var type = family == AddressFamily.InterNetworkV6 ? QueryType.AAAA : QueryType.A;
        var found = new HashSet<IPAddress>();
        try
        {
            var response = await Client(server).QueryAsync(name.Value, type, QueryClass.IN, cancellationToken);
            foreach (var record in response.Answers)
            {
                if (record is AddressRecord address)
                {
                    found.Add(address.Address);
                }
            }
        }
        catch (Exception e) when (IsNoAnswer(e, cancellationToken))
        {
            // Not answering counts as "not there yet"; the verifier asks again.
        }

        return found;
    }

    // Timeouts, refused connections and malformed answers all mean "no answer"; only our own cancellation propagates.
    private static bool IsNoAnswer(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private LookupClient Client(IPEndPoint server) =>
        _clients.GetOrAdd(server, endpoint => new LookupClient(new LookupClientOptions(endpoint)
        {
            UseCache = false,
            Retries = 0,
            Timeout = timeout,
            UseTcpFallback = true,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
        }));
}
