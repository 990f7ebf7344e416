using BetterDns.Dns.Bridges;

namespace BetterDns.Dns.Strategies;

/// <summary><c>restart</c>: stop the server and start it again; it reads the new file on start. Service drops briefly.</summary>
public sealed class RestartStrategy : IApplyStrategy
{
    public ApplyStrategyKind Kind => ApplyStrategyKind.Restart;

    public Task ApplyAsync(IDnsServerBridge bridge, CancellationToken cancellationToken) => bridge.RestartAsync(cancellationToken);
}
