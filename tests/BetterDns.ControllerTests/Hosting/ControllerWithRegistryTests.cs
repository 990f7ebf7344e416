using System.Net;
using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns.Bridges;
using BetterDns.Dns.Controller;
using BetterDns.Dns.Health;
using BetterDns.Dns.Sync;
using BetterDns.Registry;
using DnsClient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BetterDns.ControllerTests.Hosting;

/// <summary>
/// The whole road through the host: a change submitted to the real registry, the zone file it writes,
/// the controller's apply (signal) to BIND or Knot, the answer seen by DnsClient and dig, and the sync
/// verifier and waiter.
/// </summary>
public sealed class ControllerWithRegistryTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private static readonly Actor Vm = new("vm-web-1", false, ["web-*"]);

    [Fact]
    public async Task RegistrationAppearsChangesAndDisappearsInBind()
    {
        await using var app = await ControllerHost.StartAsync((d, zone) => RealServers.Bind(d, TestZone.Origin, zone), "signal");
        var resolver = await AnsweringResolverAsync(app);
        var web = TestZone.Name("web-1");

        Assert.Equal(ChangeStatus.Created, (await app.Registry.SubmitAsync(new RegisterChange(Vm, "web-1", IPAddress.Parse("10.1.0.5"), 60))).Status);
        Assert.True(await Eventually.TrueAsync(async () => (await resolver.AAsync(web)) is ["10.1.0.5"], Within));
        Assert.Equal(["10.1.0.5"], await resolver.DigAAsync(web));

        Assert.Equal(ChangeStatus.Updated, (await app.Registry.SubmitAsync(
            new ReplaceChange(Vm, "web-1", [IPAddress.Parse("10.1.0.6"), IPAddress.Parse("10.1.0.7")], 60))).Status);
        Assert.True(await Eventually.TrueAsync(async () => (await resolver.AAsync(web)) is ["10.1.0.6", "10.1.0.7"], Within));

        Assert.Equal(ChangeStatus.Updated, (await app.Registry.SubmitAsync(new RemoveChange(Vm, "web-1", null))).Status);
        Assert.True(await Eventually.TrueAsync(async () => await resolver.RcodeAsync(web) == DnsResponseCode.NotExistentDomain, Within));
        Assert.Empty(await resolver.DigAAsync(web));
    }

    [Fact]
    public async Task RegistrationAppearsInKnotAndIsReportedInSync()
    {
        await using var app = await ControllerHost.StartAsync((d, zone) => RealServers.Knot(d, TestZone.Origin, zone), "signal");
        var resolver = await AnsweringResolverAsync(app);

        await app.Registry.SubmitAsync(new RegisterChange(Vm, "web-2", IPAddress.Parse("10.2.0.5"), 60));

        Assert.True(await Eventually.TrueAsync(
            () => app.Reporter.Reported.Any(r => r.Name == "web-2" && r.Address.Equals(IPAddress.Parse("10.2.0.5"))), Within));
        Assert.Equal(["10.2.0.5"], await resolver.AAsync(TestZone.Name("web-2")));
    }

    [Fact]
    public async Task RegistryMarksARegistrationInSyncOnceBindAnswersIt()
    {
        await using var app = await ControllerHost.StartAsync((d, zone) => RealServers.Bind(d, TestZone.Origin, zone), "signal", recordReports: false);
        var resolver = await AnsweringResolverAsync(app);
        var web = TestZone.Name("web-4");

        var outcome = await app.Registry.SubmitAsync(new RegisterChange(Vm, "web-4", IPAddress.Parse("10.4.0.5"), 60));
        Assert.Equal(SyncStatus.Pending, Assert.Single(outcome.Registrations).Sync);

        Assert.True(await Eventually.TrueAsync(() => app.Registry.Current.Find(web) is [{ Sync: SyncStatus.InSync }], Within));
        Assert.Equal(["10.4.0.5"], await resolver.AAsync(web));
    }

    [Fact]
    public async Task WaiterReturnsOnceTheServerAnswersAndTimesOutForUnknownRecords()
    {
        await using var app = await ControllerHost.StartAsync((d, zone) => RealServers.Bind(d, TestZone.Origin, zone), "signal");
        await AnsweringResolverAsync(app);
        var waiter = app.Host.Services.GetRequiredService<ISyncWaiter>();

        await app.Registry.SubmitAsync(new RegisterChange(Vm, "web-3", IPAddress.Parse("10.3.0.5"), 60));
        var inSync = await waiter.WaitForInSyncAsync(TestZone.Name("web-3"), IPAddress.Parse("10.3.0.5"), Within);

        Assert.True(inSync);
        Assert.Equal(["10.3.0.5"], await new Resolver(app.Host.Services.GetRequiredService<IDnsServerBridge>().ProbeEndpoint).AAsync(TestZone.Name("web-3")));
        Assert.False(await waiter.WaitForInSyncAsync(TestZone.Name("web-3"), IPAddress.Parse("10.3.0.99"), TimeSpan.FromMilliseconds(300)));
        Assert.False(await waiter.WaitForInSyncAsync(TestZone.Name("nobody"), null, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task ReadinessCheckDnsServerIsRegisteredAndFollowsTheServer()
    {
        await using var app = await ControllerHost.StartAsync((d, zone) => RealServers.Bind(d, TestZone.Origin, zone), "signal");
        await AnsweringResolverAsync(app);
        var health = app.Host.Services.GetRequiredService<HealthCheckService>();

        var ready = await health.CheckHealthAsync(r => r.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Healthy, ready.Entries[DnsServerHealthCheck.Name].Status);
        Assert.Equal("named", ready.Entries[DnsServerHealthCheck.Name].Data["server"]);

        await app.Host.Services.GetRequiredService<DnsController>().Bridge.StopAsync(CancellationToken.None);

        var down = await health.CheckHealthAsync(r => r.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
    }

    private static async Task<Resolver> AnsweringResolverAsync(ControllerHost app)
    {
        var bridge = app.Host.Services.GetRequiredService<IDnsServerBridge>();
        Assert.True(await ((SupervisedServerBridge)bridge).WaitUntilAnsweringAsync(TimeSpan.FromSeconds(20)));
        return new Resolver(bridge.ProbeEndpoint);
    }
}
