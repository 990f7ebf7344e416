using BetterDns.Dns.Sync;
using BetterDns.Registry;

namespace BetterDns.Observability;

/// <summary>
/// Wraps the sync reporter: for each PENDING registration the DNS server was seen answering, records the
/// time since it was acknowledged (its <see cref="Registration.UpdatedAt"/>, set by the writer's commit).
/// </summary>
internal sealed class MeteredSyncReporter(ISyncReporter inner, BetterDnsMetrics metrics, TimeProvider time) : ISyncReporter
{
    public Task ReportInSyncAsync(IReadOnlyList<Registration> answered, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var registration in answered)
        {
            if (registration.Sync == SyncStatus.Pending)
            {
                metrics.InSync(now - registration.UpdatedAt);
            }
        }

        return inner.ReportInSyncAsync(answered, cancellationToken);
    }
}
