using System.Diagnostics;
using System.Net;
using BetterDns.Health;
using BetterDns.Registry;
using BetterDns.Registry.Options;
using BetterDns.Tests.Infrastructure;
using BetterDns.Zone.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BetterDns.HealthTests.Checker;

/// <summary>
/// The single scheduler on a fake clock: first checks spread over the interval, then exactly one check
/// per interval (no bursts, no gaps), a registration that is gone is not checked again, and a check that
/// starts late judges a heartbeat as of when it was due.
/// Heartbeat checks keep the probes themselves out of it (no network).
/// </summary>
public sealed class SchedulingTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly HealthCheck Heartbeat = new(CheckKind.Heartbeat, 80, "/", null, null, null, Interval, TimeSpan.FromSeconds(1), 3, 1, null);
    private readonly string _data = TempDirectory.Create();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
    private readonly HealthBoard _board = new();
    private DurableRegistry _registry = null!;
    private HealthChecker _checker = null!;

    public async Task InitializeAsync()
    {
        _registry = DurableRegistry.Open(RegistrySettings.ForDirectory(_data), _time, NullLogger<DurableRegistry>.Instance);
        var options = Options.Create(new HealthOptions());
        var events = new HealthEvents(options, _time, NullLogger<HealthEvents>.Instance);
        _checker = new HealthChecker(_registry, new CheckProbes(options, _board, _time), _board, events, options, _time, NullLogger<HealthChecker>.Instance);
        await _checker.StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ChecksRegisteredTogetherStartSpreadOverTheirInterval()
    {
        var vms = Enumerable.Range(1, 20).Select(i => IPAddress.Parse($"10.0.1.{i}")).ToList();
        await Task.WhenAll(vms.Select(ip => _registry.SubmitAsync(new RegisterChange(Actor.Admin("ops"), "pool", ip, 60, Heartbeat))));
        await UntilAsync(() => _checker.Checking == vms.Count);
        var start = _time.GetUtcNow();

        await AdvanceAsync(Interval, TimeSpan.FromMilliseconds(100));
        await UntilAsync(() => vms.All(ip => Observed("pool", ip) is not null));

        var firstChecks = vms.Select(ip => Observed("pool", ip)!.CheckedAt - start).ToList();
        Assert.All(firstChecks, at => Assert.InRange(at, TimeSpan.Zero, Interval));
        Assert.True(firstChecks.Distinct().Count() >= 10, $"first checks bunched: {string.Join(", ", firstChecks.Order())}");
        Assert.True(firstChecks.Max() - firstChecks.Min() >= Interval / 2, $"first checks bunched: {string.Join(", ", firstChecks.Order())}");
    }

    [Fact]
    public async Task EachRegistrationIsCheckedOncePerIntervalWithoutBurstsOrGaps()
    {
        var vm = IPAddress.Parse("10.0.2.1");
        await _registry.SubmitAsync(new RegisterChange(Actor.Admin("ops"), "steady", vm, 60, Heartbeat));
        await UntilAsync(() => _checker.Checking == 1);

        // 100 s: a first check somewhere in the first 10 s, then one every 10 s; the VM keeps beating, so all pass.
        for (var second = 0; second < 100; second++)
        {
            _board.Heartbeat(Fqdn("steady"), vm, _time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        await UntilAsync(() => Observed("steady", vm)?.ConsecutiveSuccesses >= 10);
        await Task.Delay(100);
        Assert.Equal(10, Observed("steady", vm)!.ConsecutiveSuccesses);
    }

    [Fact]
    public async Task ARemovedRegistrationIsForgottenAndNotCheckedAgain()
    {
        var vm = IPAddress.Parse("10.0.3.1");
        await _registry.SubmitAsync(new RegisterChange(Actor.Admin("ops"), "gone", vm, 60, Heartbeat));
        await UntilAsync(() => _checker.Checking == 1);
        await AdvanceAsync(Interval, TimeSpan.FromSeconds(1));
        await UntilAsync(() => Observed("gone", vm) is not null);

        var removed = await _registry.SubmitAsync(new RemoveChange(Actor.Admin("ops"), "gone", vm));
        Assert.Equal(ChangeStatus.Updated, removed.Status);
        await UntilAsync(() => _checker.Checking == 0);
        Assert.Null(Observed("gone", vm));

        await AdvanceAsync(Interval * 3, TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        Assert.Null(Observed("gone", vm));
    }

    [Fact]
    public async Task AChangedCheckIsScheduledOnItsNewInterval()
    {
        var vm = IPAddress.Parse("10.0.4.1");
        await _registry.SubmitAsync(new RegisterChange(Actor.Admin("ops"), "retuned", vm, 60, Heartbeat));
        await UntilAsync(() => _checker.Checking == 1);
        var faster = Heartbeat with { Interval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromMilliseconds(500) };
        await _registry.SubmitAsync(new RegisterChange(Actor.Admin("ops"), "retuned", vm, 60, faster));
        await UntilAsync(() => _registry.Current.Find(Fqdn("retuned")).Single().Check == faster);

        // Following is paced in real time: wait until the watch runs with the new check before the clock moves
        // (a fixed pause raced a loaded machine: the old 10 s watch could still be the one the clock drove).
        await UntilAsync(() => _checker.Watched().TryGetValue((Fqdn("retuned"), vm), out var watched) && watched == faster);
        for (var second = 0; second < 20; second++)
        {
            _board.Heartbeat(Fqdn("retuned"), vm, _time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        // Every 2 s for 20 s: 10 checks, against 2 at the old 10 s interval.
        await UntilAsync(() => Observed("retuned", vm)?.ConsecutiveSuccesses >= 10);
        Assert.Equal(1, _checker.Checking);
    }

    [Fact]
    public async Task AHeartbeatOnTimeIsNotFailedByACheckThatStartsLate()
    {
        var vm = IPAddress.Parse("10.0.5.1");
        await _registry.SubmitAsync(new RegisterChange(Actor.Admin("ops"), "late", vm, 60, Heartbeat));
        await UntilAsync(() => _checker.Checking == 1);
        for (var step = 0; Observed("late", vm) is null; step++)
        {
            Assert.True(step <= 10, "no first check within the interval");
            _time.Advance(TimeSpan.FromSeconds(1));
            var waited = Stopwatch.StartNew();
            while (Observed("late", vm) is null && waited.ElapsedMilliseconds < 200)
            {
                await Task.Delay(5);
            }
        }

        // The next check is due about 10 s after the first; the VM beats 6 s after it, well within the ttl.
        await AdvanceAsync(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(1));
        _board.Heartbeat(Fqdn("late"), vm, _time.GetUtcNow());
        var first = Observed("late", vm)!;
        Assert.Equal(1, first.ConsecutiveSuccesses);

        // The check starts 8 s late (one jump of the clock): 12 s after the beat, but only ~4 s after it as of when it was due.
        _time.Advance(TimeSpan.FromSeconds(12));
        await UntilAsync(() => Observed("late", vm)!.CheckedAt > first.CheckedAt);
        Assert.True(Observed("late", vm)!.Passed, Observed("late", vm)!.Error);
    }

    private CheckObservation? Observed(string name, IPAddress ip) => _board.Observation(Fqdn(name), ip);

    private static DomainName Fqdn(string name) => DomainName.Parse(name + ".cluster.internal.");

    /// <summary>Moves the fake clock by <paramref name="total"/> in steps, letting the checker run in between.</summary>
    private async Task AdvanceAsync(TimeSpan total, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += step)
        {
            _time.Advance(step);
            await Task.Delay(5);
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
