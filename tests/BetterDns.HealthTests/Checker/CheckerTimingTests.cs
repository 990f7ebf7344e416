using System.Diagnostics;
using System.Net;
using BetterDns.Health;
using BetterDns.Registry;
using BetterDns.Registry.Options;
using BetterDns.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BetterDns.HealthTests.Checker;

/// <summary>The checker's thresholds and deregistration on a fake clock: the test moves time, not the wall clock.</summary>
public sealed class CheckerTimingTests : IAsyncLifetime
{
    private static readonly IPAddress Vm = IPAddress.Parse("10.0.0.7");
    private readonly string _data = TempDirectory.Create();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
    private DurableRegistry _registry = null!;
    private HealthChecker _checker = null!;
    private readonly HealthBoard _board = new();

    public async Task InitializeAsync()
    {
        _registry = DurableRegistry.Open(RegistrySettings.ForDirectory(_data), _time, NullLogger<DurableRegistry>.Instance);
        var options = Options.Create(new HealthOptions());
        var events = new HealthEvents(options, _time, NullLogger<HealthEvents>.Instance);
        _checker = new HealthChecker(_registry, new CheckProbes(options, _board, _time), _board, events, options, _time, NullLogger<HealthChecker>.Instance);
        await _checker.StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ASilentHeartbeatTurnsCriticalAtTheThresholdAndIsDeregisteredAfterDeregisterAfter()
    {
        var check = new HealthCheck(CheckKind.Heartbeat, 80, "/", null, null, null,
            TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), 2, 1, TimeSpan.FromMinutes(1));
        await _registry.SubmitAsync(new RegisterChange(Actor.Admin("ops"), "hb", Vm, 60, check));
        await UntilAsync(() => _checker.Checking == 1);

        // Checks every 10 s after a jitter below 10 s: the first passes (silence ≤ ttl), two failures make it critical.
        var registered = _time.GetUtcNow();
        await AdvanceUntilAsync(() => Observed()?.Passed == true, TimeSpan.FromSeconds(10));
        await AdvanceUntilAsync(() => Observed() is { ConsecutiveFailures: 1 }, TimeSpan.FromSeconds(20));
        Assert.Equal(HealthVerdict.Passing, Current()!.Health.Status);
        await AdvanceUntilAsync(() => Current()?.Health.Status == HealthVerdict.Critical, TimeSpan.FromSeconds(10));
        var since = Current()!.Health.Since;
        Assert.InRange(since - registered, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(31));
        Assert.Contains("no heartbeat for", Current()!.Health.Reason);

        // Still registered (critical, out of DNS) until a check finds it critical for deregisterAfter.
        await AdvanceUntilAsync(() => _time.GetUtcNow() - since >= TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(60));
        Assert.NotNull(Current());
        Assert.DoesNotContain(_registry.Current.Zone.Records, r => r.Owner == DomainName());
        await AdvanceUntilAsync(() => Current() is null, TimeSpan.FromSeconds(20));
        Assert.True(_time.GetUtcNow() - since >= TimeSpan.FromMinutes(1));
    }

    private Registration? Current() => _registry.Current.All.FirstOrDefault(r => r.Name == "hb");

    private CheckObservation? Observed() => _board.Observation(DomainName(), Vm);

    private static BetterDns.Zone.Model.DomainName DomainName() => BetterDns.Zone.Model.DomainName.Parse("hb.cluster.internal.");

    /// <summary>Moves the fake clock a second at a time (letting the loops run in between) until the condition holds, at most <paramref name="limit"/>.</summary>
    private async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var moved = TimeSpan.Zero;
        while (!condition())
        {
            Assert.True(moved <= limit, $"not there after {moved} of fake time");
            _time.Advance(TimeSpan.FromSeconds(1));
            moved += TimeSpan.FromSeconds(1);
            await Task.Delay(20);
        }
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the checker did not get there");
            await Task.Delay(5);
        }
    }

    public async Task DisposeAsync()
    {
        await _checker.StopAsync(CancellationToken.None);
        _checker.Dispose();
        await _registry.DisposeAsync();
        TempDirectory.Delete(_data);
    }
}
