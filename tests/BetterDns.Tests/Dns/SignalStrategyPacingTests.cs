using System.Net;
using BetterDns.Dns;
using BetterDns.Dns.Bridges;
using BetterDns.Dns.Strategies;
using Microsoft.Extensions.Time.Testing;

namespace BetterDns.Tests.Dns;

/// <summary><c>signal</c> sends at most one reload per <c>Dns:MinReloadInterval</c>; an apply within it waits, then reloads.</summary>
public sealed class SignalStrategyPacingTests
{
    [Fact]
    public async Task ASecondApplyWithinTheIntervalWaitsForItThenReloads()
    {
        var time = new FakeTimeProvider();
        var bridge = new CountingBridge();
        var strategy = IApplyStrategy.For(ApplyStrategyKind.Signal, TimeSpan.FromSeconds(1), time);

        await strategy.ApplyAsync(bridge, CancellationToken.None);
        Assert.Equal(1, bridge.Reloads);

        time.Advance(TimeSpan.FromMilliseconds(400));
        var second = strategy.ApplyAsync(bridge, CancellationToken.None);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, bridge.Reloads);

        time.Advance(TimeSpan.FromMilliseconds(600));
        await second;
        Assert.Equal(2, bridge.Reloads);
    }

    [Fact]
    public async Task AnApplyAfterTheIntervalReloadsAtOnce()
    {
        var time = new FakeTimeProvider();
        var bridge = new CountingBridge();
        var strategy = IApplyStrategy.For(ApplyStrategyKind.Signal, TimeSpan.FromSeconds(1), time);

        await strategy.ApplyAsync(bridge, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(strategy.ApplyAsync(bridge, CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal(2, bridge.Reloads);
    }

    private sealed class CountingBridge : IDnsServerBridge
    {
        public int Reloads { get; private set; }

        public string Name => "counting";

        public IPEndPoint ProbeEndpoint { get; } = new(IPAddress.Loopback, 53);

        public DnsServerStatus Status => DnsServerStatus.Stopped;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReloadAsync(CancellationToken cancellationToken)
        {
            Reloads++;
            return Task.CompletedTask;
        }

        public Task RestartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<DnsServerHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
            Task.FromResult(DnsServerHealth.Healthy("counting"));
    }
}
