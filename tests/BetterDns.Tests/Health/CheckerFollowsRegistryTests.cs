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

namespace BetterDns.Tests.Health;

/// <summary>
/// The checker follows the registry by its change chain (only the names each batch changed): after any mix
/// of registrations, check changes, pool replacements and removals it watches exactly the registrations
/// that have a check, with their current check — the same set a checker started afresh (a full scan) watches.
/// </summary>
public sealed class CheckerFollowsRegistryTests : IAsyncLifetime
{
    private static readonly Actor Ops = Actor.Admin("ops");
    private readonly string _data = TempDirectory.Create();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
    private readonly List<HealthChecker> _checkers = [];
    private DurableRegistry _registry = null!;

    public Task InitializeAsync()
    {
        _registry = DurableRegistry.Open(RegistrySettings.ForDirectory(_data), _time, NullLogger<DurableRegistry>.Instance);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WatchesExactlyTheRegistrationsWithChecksThroughEveryKindOfChange()
    {
        var checker = await StartCheckerAsync();
        var ten = Heartbeat(TimeSpan.FromSeconds(10));
        var thirty = Heartbeat(TimeSpan.FromSeconds(30));

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => _registry.SubmitAsync(new RegisterChange(Ops, $"vm-{i}", Ip(i), 60, ten))));
        await _registry.SubmitAsync(new RegisterChange(Ops, "plain", Ip(200), 60));
        await _registry.SubmitAsync(new ReplaceChange(Ops, "pool", [Ip(101), Ip(102), Ip(103)], 60, ten));
        await UntilAsync(() => checker.Watched().Count == 43);

        // Check changes, removals, a pool shrinking, a check added to a plain registration, one taken away.
        await Task.WhenAll(Enumerable.Range(1, 5).Select(i => _registry.SubmitAsync(new RegisterChange(Ops, $"vm-{i}", Ip(i), 60, thirty))));
        await Task.WhenAll(Enumerable.Range(6, 10).Select(i => _registry.SubmitAsync(new RemoveChange(Ops, $"vm-{i}", null))));
        await _registry.SubmitAsync(new ReplaceChange(Ops, "pool", [Ip(102)], 60, thirty));
        await _registry.SubmitAsync(new RegisterChange(Ops, "plain", Ip(200), 60, ten));
        await _registry.SubmitAsync(new RegisterChange(Ops, "vm-16", Ip(16), 60, HealthCheck.None));
        await _registry.SubmitAsync(new RegisterChange(Ops, "vm-6", Ip(6), 60, ten));

        var expected = Expected();
        Assert.Equal(40 - 10 + 1 - 1 + 1 + 1, expected.Count);
        await UntilAsync(() => SameWatches(checker.Watched(), expected));
        Assert.Equal(thirty, checker.Watched()[(Fqdn("vm-3"), Ip(3))]);
        Assert.Equal(thirty, checker.Watched()[(Fqdn("pool"), Ip(102))]);
        Assert.False(checker.Watched().ContainsKey((Fqdn("pool"), Ip(101))));

        var afresh = await StartCheckerAsync();
        await UntilAsync(() => SameWatches(afresh.Watched(), expected));
    }

    private Dictionary<(DomainName, IPAddress), HealthCheck> Expected() =>
        _registry.Current.All.Where(r => r.Check.Kind != CheckKind.None).ToDictionary(r => (r.Fqdn, r.Address), r => r.Check);

    private static bool SameWatches(Dictionary<(DomainName Fqdn, IPAddress Address), HealthCheck> watched, Dictionary<(DomainName, IPAddress), HealthCheck> expected) =>
        watched.Count == expected.Count && expected.All(e => watched.TryGetValue(e.Key, out var check) && check == e.Value);

    private async Task<HealthChecker> StartCheckerAsync()
    {
        var options = Options.Create(new HealthOptions());
        var board = new HealthBoard();
        var checker = new HealthChecker(
            _registry, new CheckProbes(options, board, _time), board, new HealthEvents(options, _time, NullLogger<HealthEvents>.Instance),
            options, _time, NullLogger<HealthChecker>.Instance);
        _checkers.Add(checker);
        await checker.StartAsync(CancellationToken.None);
        return checker;
    }

    private static HealthCheck Heartbeat(TimeSpan interval) =>
        new(CheckKind.Heartbeat, 80, "/", null, null, null, interval, TimeSpan.FromSeconds(1), 3, 1, null);

    private static IPAddress Ip(int i) => IPAddress.Parse($"10.0.{i / 250}.{i % 250 + 1}");

    private static DomainName Fqdn(string name) => DomainName.Parse(name + ".cluster.internal.");

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
        foreach (var checker in _checkers)
        {
            await checker.StopAsync(CancellationToken.None);
            checker.Dispose();
        }

        await _registry.DisposeAsync();
        TempDirectory.Delete(_data);
    }
}
