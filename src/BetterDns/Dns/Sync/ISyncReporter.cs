using BetterDns.Registry;

namespace BetterDns.Dns.Sync;

/// <summary>Tells the registry that the DNS server now answers these registrations (PENDING → INSYNC).</summary>
public interface ISyncReporter
{
    Task ReportInSyncAsync(IReadOnlyList<Registration> answered, CancellationToken cancellationToken);
}
