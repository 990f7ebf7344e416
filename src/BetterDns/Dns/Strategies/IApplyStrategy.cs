using BetterDns.Dns.Bridges;

namespace BetterDns.Dns.Strategies;

/// <summary>What to do to the server once the registry has written a new zone file.</summary>
public interface IApplyStrategy
{
    ApplyStrategyKind Kind { get; }

    Task ApplyAsync(IDnsServerBridge bridge, CancellationToken cancellationToken);

    /// <summary>The strategy <paramref name="kind"/>; <c>signal</c> sends at most one reload per <paramref name="minReloadInterval"/>.</summary>
    static IApplyStrategy For(ApplyStrategyKind kind, TimeSpan minReloadInterval = default, TimeProvider? time = null) => kind switch
    {
        ApplyStrategyKind.Serial => new SerialStrategy(),
        ApplyStrategyKind.Signal => new SignalStrategy(minReloadInterval, time ?? TimeProvider.System),
        ApplyStrategyKind.Restart => new RestartStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown apply strategy"),
    };
}
