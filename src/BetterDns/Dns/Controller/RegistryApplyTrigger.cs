using BetterDns.Registry;

namespace BetterDns.Dns.Controller;

/// <summary>
/// Connects the registry to the controller: every zone file the registry writes schedules an apply.
/// For the embedded server, which answers from snapshots rather than the file, every published
/// snapshot does (the apply is then just a sync verification). Without a registry (a controller driven
/// by hand through <see cref="DnsController.RequestApply"/>) it does nothing.
/// </summary>
public sealed class RegistryApplyTrigger(IRegistry? registry, DnsController controller, DnsServerKind server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (registry is null)
        {
            return Task.CompletedTask;
        }

        if (server == DnsServerKind.Embedded)
        {
            registry.SnapshotPublished += OnChanged;
        }
        else
        {
            registry.ZoneFileWritten += OnChanged;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (registry is null)
        {
            return Task.CompletedTask;
        }

        registry.SnapshotPublished -= OnChanged;
        registry.ZoneFileWritten -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(RegistrySnapshot snapshot) => controller.RequestApply();
}
