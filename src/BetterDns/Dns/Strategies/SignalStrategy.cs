using BetterDns.Dns.Bridges;

namespace BetterDns.Dns.Strategies;

/// <summary>
/// <c>signal</c>: ask the server to reload now (SIGUSR1 for CoreDNS, <c>rndc</c>/<c>knotc</c> or a signal for others),
/// but never twice within <c>Dns:MinReloadInterval</c>. A reload costs the server a full parse of the zone
/// (CoreDNS also rebuilds every plugin), so under a stream of registrations the applies that arrive while
/// it waits coalesce into the one signal sent when the interval is up; that signal reads the newest file.
/// The controller runs one apply at a time, so the last signal's time needs no lock.
/// </summary>
public sealed class SignalStrategy(TimeSpan minReloadInterval, TimeProvider time) : IApplyStrategy
{
    private long? _lastSignal;

    public SignalStrategy()
        : this(TimeSpan.Zero, TimeProvider.System)
    {
    }

    public ApplyStrategyKind Kind => ApplyStrategyKind.Signal;

    public async Task ApplyAsync(IDnsServerBridge bridge, CancellationToken cancellationToken)
    {
        if (_lastSignal is { } last && minReloadInterval - time.GetElapsedTime(last) is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        _lastSignal = time.GetTimestamp();
        await bridge.ReloadAsync(cancellationToken);
    }
}
