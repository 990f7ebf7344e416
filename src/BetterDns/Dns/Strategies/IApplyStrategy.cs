using BetterDns.Dns.Bridges;

namespace BetterDns.Dns.Strategies;

/// <summary>What to do to the server once the registry has written a new zone file.</summary>
public interface IApplyStrategy
{
    ApplyStrategyKind Kind { get; }

    Task ApplyAsync(IDnsServerBridge bridge, CancellationToken cancellationToken);

    static IApplyStrategy For(ApplyStrategyKind kind) => kind switch
    {
        ApplyStrategyKind.Serial => new SerialStrategy(),
        ApplyStrategyKind.Signal => new SignalStrategy(),
        ApplyStrategyKind.Restart => new RestartStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown apply strategy"),
    };
}
