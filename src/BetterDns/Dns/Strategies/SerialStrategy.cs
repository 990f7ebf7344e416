using BetterDns.Dns.Bridges;

namespace BetterDns.Dns.Strategies;

/// <summary>
/// <c>serial</c>: nothing to do. The registry wrote the file atomically with a higher SOA serial and the
/// server notices by itself (CoreDNS <c>file … { reload 1s }</c>). BIND and Knot do not poll a primary
/// zone's file: with them use <c>signal</c>.
/// </summary>
public sealed class SerialStrategy : IApplyStrategy
{
    public ApplyStrategyKind Kind => ApplyStrategyKind.Serial;

    public Task ApplyAsync(IDnsServerBridge bridge, CancellationToken cancellationToken) => Task.CompletedTask;
}
