using System.Net;
using BetterDns.Dns.Probing;
using BetterDns.Dns.Supervision;

namespace BetterDns.Dns.Bridges;

/// <summary>
/// What the <c>coredns</c> and <c>process</c> bridges share: a <see cref="ProcessSupervisor"/> that keeps the
/// child alive and an SOA probe on <see cref="ProbeEndpoint"/>. Subclasses say how to reload.
/// </summary>
public abstract class SupervisedServerBridge : IDnsServerBridge, IAsyncDisposable
{
    private readonly SupervisionOptions _options;
    private readonly DnsProbe _probe;
    private readonly ProcessSupervisor _supervisor;
    private int _disposed;

    protected SupervisedServerBridge(
        SupervisedCommand command,
        IPEndPoint probeEndpoint,
        ControlledZone zone,
        SupervisionOptions options,
        ILoggerFactory loggers,
        TimeProvider time)
    {
        ProbeEndpoint = probeEndpoint;
        Zone = zone;
        _options = options;
        _probe = new DnsProbe(options.ProbeTimeout);
        _supervisor = new ProcessSupervisor(
            command, CheckHealthAsync, AnswersDnsAsync, options, loggers.CreateLogger($"BetterDns.Dns.Server.{command.Name}"), time);
    }

    public string Name => _supervisor.Name;

    public IPEndPoint ProbeEndpoint { get; }

    public DnsServerStatus Status => _supervisor.Status;

    protected ControlledZone Zone { get; }

    protected ProcessSupervisor Supervisor => _supervisor;

    public virtual Task StartAsync(CancellationToken cancellationToken) => _supervisor.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _supervisor.StopAsync(cancellationToken);

    public abstract Task ReloadAsync(CancellationToken cancellationToken);

    public Task RestartAsync(CancellationToken cancellationToken) => _supervisor.RestartAsync(cancellationToken);

    /// <summary>Waits until the server answers the SOA probe (tests and start-up ordering); false on timeout.</summary>
    public Task<bool> WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _supervisor.WaitUntilAnsweringAsync(1, timeout, cancellationToken);

    public virtual Task<DnsServerHealth> CheckHealthAsync(CancellationToken cancellationToken) => AnswersDnsAsync(cancellationToken);

    /// <summary>Liveness: the server runs and answers the zone's SOA. Nothing else gets a server killed.</summary>
    protected async Task<DnsServerHealth> AnswersDnsAsync(CancellationToken cancellationToken)
    {
        if (_supervisor.ProcessId is null)
        {
            return DnsServerHealth.Unhealthy($"{Name} is not running ({_supervisor.Status.State})");
        }

        return await _probe.AnswersSoaAsync(ProbeEndpoint, Zone.Origin, cancellationToken)
            ? DnsServerHealth.Healthy($"{Name} answers the SOA of {Zone.Origin.Value} on {ProbeEndpoint}")
            : DnsServerHealth.Unhealthy($"{Name} does not answer the SOA of {Zone.Origin.Value} on {ProbeEndpoint}");
    }

    // The container may dispose it twice: it is registered both keyed and as the selected bridge.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.StopTimeout * 2);
        await _supervisor.StopAsync(timeout.Token);

        _supervisor.Dispose();
        GC.SuppressFinalize(this);
    }
}
