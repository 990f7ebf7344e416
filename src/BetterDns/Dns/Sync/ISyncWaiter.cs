using System.Net;
using BetterDns.Zone.Model;

namespace BetterDns.Dns.Sync;

/// <summary>
/// The waiting primitive behind <c>GET /a/{name}?wait=5s</c>: a boot script blocks until the DNS server
/// answers with its record.
/// </summary>
public interface ISyncWaiter
{
    /// <summary>
    /// Completes with true once the registration (<paramref name="fqdn"/>, <paramref name="address"/>) is
    /// INSYNC or the server was seen answering it; with <paramref name="address"/> null, once every
    /// registration under the name is INSYNC or one of them was seen answered. False after
    /// <paramref name="timeout"/> (also when there is no such registration).
    /// </summary>
    Task<bool> WaitForInSyncAsync(DomainName fqdn, IPAddress? address, TimeSpan timeout, CancellationToken cancellationToken = default);
}
