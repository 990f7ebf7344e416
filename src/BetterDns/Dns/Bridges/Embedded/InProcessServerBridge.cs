using System.Net;
using BetterDns.Dns.Probing;
using BetterDns.Zone.Model;

namespace BetterDns.Dns.Bridges.Embedded;

/// <summary>
/// <c>Dns:Server=embedded</c>: a DNS server that runs inside BetterDns. It is started and stopped through
/// delegates (the embedded server's own StartAsync/StopAsync) and answers from the registry's
/// snapshot, so reload has nothing to do. Its endpoint is read when asked, because a server bound to
/// port 0 learns its port only when it starts. Wiring, for the integrator:
/// <code>
/// services.AddKeyedSingleton&lt;IDnsServerBridge&gt;("embedded", (sp, _) =&gt;
/// {
///     var server = sp.GetRequiredService&lt;EmbeddedDnsServer&gt;();
///     return new InProcessServerBridge("embedded", server.StartAsync, server.StopAsync,
///         () =&gt; server.Endpoints[0], sp.GetRequiredService&lt;ControlledZone&gt;().Origin, TimeSpan.FromMilliseconds(500));
/// });
/// </code>
/// (and do not also add the server's own hosted service: the controller starts and stops it).
/// </summary>
public sealed class InProcessServerBridge(
    string name,
    Func<CancellationToken, Task> start,
    Func<CancellationToken, Task> stop,
    Func<IPEndPoint> endpoint,
    DomainName origin,
    TimeSpan probeTimeout) : IDnsServerBridge
{
    private readonly DnsProbe _probe = new(probeTimeout);
    private readonly Lock _gate = new();
    private DnsServerState _state = DnsServerState.Stopped;
    private int _starts;
    private string? _lastError;

    public string Name => name;

    public IPEndPoint ProbeEndpoint => endpoint();

    public DnsServerStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new DnsServerStatus(_state, 0, _starts, null, _lastError);
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await start(cancellationToken);
            lock (_gate)
            {
                _state = DnsServerState.Running;
                _starts++;
                _lastError = null;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            lock (_gate)
            {
                _lastError = $"{name} could not be started: {e.Message}";
            }

            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stop(cancellationToken);
        lock (_gate)
        {
            _state = DnsServerState.Stopped;
        }
    }

    /// <summary>Nothing to do: every query reads the newest snapshot.</summary>
    public Task ReloadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken);
        await StartAsync(cancellationToken);
    }

    public async Task<DnsServerHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (Status.State != DnsServerState.Running)
        {
            return DnsServerHealth.Unhealthy($"{name} is not running");
        }

        var at = ProbeEndpoint;
        return await _probe.AnswersSoaAsync(at, origin, cancellationToken)
            ? DnsServerHealth.Healthy($"{name} answers the SOA of {origin.Value} on {at}")
            : DnsServerHealth.Unhealthy($"{name} does not answer the SOA of {origin.Value} on {at}");
    }
}
