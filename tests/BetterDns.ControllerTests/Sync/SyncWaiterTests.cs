using System.Collections.Immutable;
using System.Net;
using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;
using BetterDns.Dns.Sync;
using BetterDns.Registry;
using BetterDns.Zone.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace BetterDns.ControllerTests.Sync;

/// <summary>The waiter behind <c>?wait=</c>, against BIND, with a snapshot made by hand and no apply at all.</summary>
public sealed class SyncWaiterTests
{
    [Fact]
    public async Task FindsARecordTheServerAlreadyAnswersWithoutAnyApply()
    {
        await using var bind = await ServerHarness.StartAsync(
            d => RealServers.Bind(d, TestZone.Origin), ApplyStrategyKind.Signal, null, ("web-1", "10.0.0.5"));
        var served = Registration("web-1", "10.0.0.5");
        var notServed = Registration("web-2", "10.0.0.6");
        var snapshot = Snapshot(served, notServed);
        var reporter = new RecordingSyncReporter();
        using var verifier = new SyncVerifier(
            () => snapshot, bind.Bridge, reporter, new SyncVerificationOptions(), TimeSpan.FromSeconds(1),
            NullLogger<SyncVerifier>.Instance, TimeProvider.System);
        var waiter = new SyncWaiter(() => snapshot, verifier, TimeProvider.System);

        Assert.True(await waiter.WaitForInSyncAsync(served.Fqdn, served.Address, TimeSpan.FromSeconds(5)));
        Assert.False(await waiter.WaitForInSyncAsync(notServed.Fqdn, null, TimeSpan.FromMilliseconds(300)));

        Assert.Equal([served], reporter.Reported);
    }

    [Fact]
    public async Task ReturnsAtOnceForARegistrationAlreadyInSync()
    {
        var inSync = Registration("web-1", "10.0.0.5") with { Sync = SyncStatus.InSync };
        var snapshot = Snapshot(inSync);
        using var verifier = new SyncVerifier(
            () => snapshot, new UnreachableBridge(), new RecordingSyncReporter(), new SyncVerificationOptions(), TimeSpan.FromSeconds(1),
            NullLogger<SyncVerifier>.Instance, TimeProvider.System);

        var waiter = new SyncWaiter(() => snapshot, verifier, TimeProvider.System);

        Assert.True(await waiter.WaitForInSyncAsync(inSync.Fqdn, null, TimeSpan.Zero));
    }

    private static Registration Registration(string name, string address) => new()
    {
        Name = name,
        Fqdn = TestZone.Name(name),
        Address = IPAddress.Parse(address),
        Ttl = 60,
        Owner = "vm",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private static RegistrySnapshot Snapshot(params Registration[] registrations) =>
        new(1, TestZone.Build(1), registrations
            .GroupBy(r => r.Fqdn)
            .ToImmutableSortedDictionary(g => g.Key, g => g.ToImmutableArray()));

    /// <summary>A bridge nobody may ask: the in-sync answer must come from the snapshot alone.</summary>
    private sealed class UnreachableBridge : Dns.Bridges.IDnsServerBridge
    {
        public string Name => "unreachable";

        public IPEndPoint ProbeEndpoint => throw new InvalidOperationException("the server was asked");

        public Dns.Bridges.DnsServerStatus Status => Dns.Bridges.DnsServerStatus.Stopped;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReloadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RestartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<Dns.Bridges.DnsServerHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
            Task.FromResult(Dns.Bridges.DnsServerHealth.Unhealthy("unreachable"));
    }
}
