using BetterDns.Dns.Bridges;

namespace BetterDns.Dns.Strategies;

/// <summary><c>signal</c>: ask the server to reload now (SIGUSR1 for CoreDNS, <c>rndc</c>/<c>knotc</c> or a signal for others).</summary>
public sealed class SignalStrategy : IApplyStrategy
{
    public ApplyStrategyKind Kind => ApplyStrategyKind.Signal;

    public Task ApplyAsync(IDnsServerBridge bridge, CancellationToken cancellationToken) => bridge.ReloadAsync(cancellationToken);
}
