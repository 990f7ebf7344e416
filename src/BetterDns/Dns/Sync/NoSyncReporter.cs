using BetterDns.Registry;

namespace BetterDns.Dns.Sync;

/// <summary>Used when no registry is registered (a controller on its own): waiters still see answers through the verifier.</summary>
public sealed class NoSyncReporter : ISyncReporter
{
    public Task ReportInSyncAsync(IReadOnlyList<Registration> answered, CancellationToken cancellationToken) => Task.CompletedTask;
}
