using Microsoft.Extensions.Hosting;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// Runs <see cref="EmbeddedDnsServer"/> with the host: binds in <see cref="StartAsync"/> (so a port
/// in use fails start-up with a message), serves until the host stops, then closes every socket and
/// waits for every loop.
/// </summary>
public sealed class EmbeddedDnsService(EmbeddedDnsServer server) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await server.StartAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // The host is stopping; StopAsync closes the server.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await server.StopAsync(cancellationToken);
    }
}
