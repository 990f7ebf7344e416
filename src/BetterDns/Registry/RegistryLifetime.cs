namespace BetterDns.Registry;

/// <summary>Opens the registry when the host starts (so a broken data directory fails start-up) and drains it on stop.</summary>
internal sealed class RegistryLifetime(IServiceProvider services) : IHostedService
{
    // Held from start: a second, concurrent StopAsync (WebApplicationFactory stops the host while the
    // app's own RunAsync stops and disposes it) must not resolve from an already disposed provider.
    private DurableRegistry? _registry;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registry = services.GetRequiredService<DurableRegistry>();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }
}
