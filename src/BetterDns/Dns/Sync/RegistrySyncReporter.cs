using BetterDns.Registry;

namespace BetterDns.Dns.Sync;

/// <summary>
/// Reports answered registrations to the registry (<see cref="IRegistry.MarkInSyncAsync"/>), which marks
/// them INSYNC in order with its writer and publishes a snapshot. The default reporter whenever a
/// registry is registered.
/// </summary>
public sealed class RegistrySyncReporter(IRegistry registry) : ISyncReporter
{
    public Task ReportInSyncAsync(IReadOnlyList<Registration> answered, CancellationToken cancellationToken) =>
        registry.MarkInSyncAsync(answered.Select(r => (r.Fqdn, r.Address)), cancellationToken);
}
