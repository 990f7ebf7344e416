namespace BetterDns.Registry;

/// <summary>Opens the registry when the host starts (so a broken data directory fails start-up) and drains it on stop.</summary>
internal sealed class RegistryLifetime(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<DurableRegistry>();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await services.GetRequiredService<DurableRegistry>().DisposeAsync();
}
