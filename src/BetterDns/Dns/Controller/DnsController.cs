using System.Diagnostics;
using System.Threading.Channels;
using BetterDns.Dns.Bridges;
using BetterDns.Dns.Strategies;
using BetterDns.Dns.Sync;

namespace BetterDns.Dns.Controller;

/// <summary>
/// Starts the driven server with the host and stops it with the host; when told that a new zone file
/// was written, applies it through the strategy, then asks the sync verifier to check what is served.
/// Bursts coalesce: at most one apply runs and at most one waits behind it (it reads the newest file).
/// </summary>
public sealed partial class DnsController(
    IDnsServerBridge bridge,
    IApplyStrategy strategy,
    SyncVerifier? verifier,
    ILogger<DnsController> logger) : BackgroundService
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Lock _gate = new();
    private TaskCompletionSource<ApplyResult> _nextApply = NewApply();
    private long _applied;
    private long _failed;
    private string? _lastError;

    public IDnsServerBridge Bridge => bridge;

    public DnsControllerStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new DnsControllerStatus(bridge.Name, strategy.Kind, bridge.Status, _applied, _failed, _lastError);
            }
        }
    }

    /// <summary>Raised after each apply, successful or not.</summary>
    public event Action<ApplyResult>? Applied;

    /// <summary>"The zone file was written": schedules an apply (coalesced with any already waiting).</summary>
    public void RequestApply() => RequestApplyAsync();

    /// <summary>Schedules an apply and completes with the first apply that starts after this call.</summary>
    public Task<ApplyResult> RequestApplyAsync()
    {
        Task<ApplyResult> next;
        lock (_gate)
        {
            next = _nextApply.Task;
        }

        _requests.Writer.TryWrite(true);
        return next;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarting(bridge.Name, strategy.Kind, bridge.ProbeEndpoint.ToString());
        await bridge.StartAsync(cancellationToken);
        if (verifier is not null)
        {
            await verifier.StartAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (verifier is not null)
        {
            await verifier.StopAsync(cancellationToken);
        }

        await bridge.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _requests.Reader.WaitToReadAsync(stoppingToken))
            {
                _requests.Reader.TryRead(out _);
                TaskCompletionSource<ApplyResult> completion;
                lock (_gate)
                {
                    completion = _nextApply;
                    _nextApply = NewApply();
                }

                var result = await ApplyOnceAsync(stoppingToken);
                completion.TrySetResult(result);
                Applied?.Invoke(result);
                if (result.Succeeded)
                {
                    verifier?.RequestVerification();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            lock (_gate)
            {
                _nextApply.TrySetCanceled(CancellationToken.None);
            }
        }
    }

    private async Task<ApplyResult> ApplyOnceAsync(CancellationToken stoppingToken)
    {
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            await strategy.ApplyAsync(bridge, stoppingToken);
            var elapsed = Stopwatch.GetElapsedTime(startedAt);
            lock (_gate)
            {
                _applied++;
                _lastError = null;
            }

            LogApplied(bridge.Name, strategy.Kind, elapsed.TotalMilliseconds);
            return new ApplyResult(true, elapsed);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            var elapsed = Stopwatch.GetElapsedTime(startedAt);
            lock (_gate)
            {
                _failed++;
                _lastError = e.Message;
            }

            LogApplyFailed(e, bridge.Name, strategy.Kind);
            return new ApplyResult(false, elapsed, e.Message);
        }
    }

    private static TaskCompletionSource<ApplyResult> NewApply() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "DNS controller: server {Server}, strategy {Strategy}, probing {Endpoint}")]
    private partial void LogStarting(string server, ApplyStrategyKind strategy, string endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applied the zone to {Server} ({Strategy}) in {Milliseconds:0.0} ms")]
    private partial void LogApplied(string server, ApplyStrategyKind strategy, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not apply the zone to {Server} ({Strategy})")]
    private partial void LogApplyFailed(Exception exception, string server, ApplyStrategyKind strategy);
}
