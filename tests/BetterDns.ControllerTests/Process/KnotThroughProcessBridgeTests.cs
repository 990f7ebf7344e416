using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;
using BetterDns.Dns.Bridges;
using DnsClient;

namespace BetterDns.ControllerTests.Process;

/// <summary>Knot DNS (<c>knotd</c>) supervised by the process bridge, reloaded with <c>knotc zone-reload</c>.</summary>
public sealed class KnotThroughProcessBridgeTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task AnswerAppearsChangesAndDisappearsAfterSignalApply()
    {
        await using var knot = await ServerHarness.StartAsync(d => RealServers.Knot(d, TestZone.Origin), ApplyStrategyKind.Signal);
        var web = TestZone.Name("web-1");
        Assert.Equal(DnsResponseCode.NotExistentDomain, await knot.Resolver.RcodeAsync(web));

        TestZone.WriteAtomically(knot.ZoneFile, TestZone.Build(2, ("web-1", "10.0.0.5")));
        Assert.True((await knot.Controller.RequestApplyAsync()).Succeeded);
        Assert.True(await Eventually.TrueAsync(async () => (await knot.Resolver.AAsync(web)) is ["10.0.0.5"], Within));
        Assert.Equal(["10.0.0.5"], await knot.Resolver.DigAAsync(web));

        TestZone.WriteAtomically(knot.ZoneFile, TestZone.Build(3, ("web-1", "10.0.0.6"), ("web-2", "10.0.0.8")));
        Assert.True((await knot.Controller.RequestApplyAsync()).Succeeded);
        Assert.True(await Eventually.TrueAsync(async () => (await knot.Resolver.AAsync(web)) is ["10.0.0.6"], Within));
        Assert.Equal(["10.0.0.8"], await knot.Resolver.DigAAsync(TestZone.Name("web-2")));

        TestZone.WriteAtomically(knot.ZoneFile, TestZone.Build(4, ("web-2", "10.0.0.8")));
        Assert.True((await knot.Controller.RequestApplyAsync()).Succeeded);
        Assert.True(await Eventually.TrueAsync(async () => await knot.Resolver.RcodeAsync(web) == DnsResponseCode.NotExistentDomain, Within));
        Assert.Empty(await knot.Resolver.DigAAsync(web));
    }

    [Fact]
    public async Task KilledServerIsRestartedAndServesAgain()
    {
        await using var knot = await ServerHarness.StartAsync(
            d => RealServers.Knot(d, TestZone.Origin), ApplyStrategyKind.Signal, null, ("web-1", "10.0.0.5"));
        var before = knot.Bridge.Status;

        Assert.True(Dns.Supervision.UnixSignal.Send(before.ProcessId!.Value, Dns.Supervision.UnixSignal.Kill));

        Assert.True(await Eventually.TrueAsync(
            () => knot.Bridge.Status is { State: DnsServerState.Running, ProcessId: { } pid } && pid != before.ProcessId, TimeSpan.FromSeconds(20)));
        Assert.Equal(before.CrashRestarts + 1, knot.Bridge.Status.CrashRestarts);
        Assert.Equal(["10.0.0.5"], await knot.Resolver.AAsync(TestZone.Name("web-1")));
    }

    [Fact]
    public async Task ApplyFailsVisiblyWhenTheReloadCommandFails()
    {
        await using var knot = await ServerHarness.StartAsync(d =>
        {
            var options = RealServers.Knot(d, TestZone.Origin);
            options.ReloadArguments = [.. options.ReloadArguments[..^1], "no-such-zone.test."];
            return options;
        }, ApplyStrategyKind.Signal);

        var result = await knot.Controller.RequestApplyAsync();

        Assert.False(result.Succeeded);
        Assert.Contains("knotc exited with code", result.Error);
        Assert.Equal(1, knot.Controller.Status.Failed);
        Assert.Equal(result.Error, knot.Controller.Status.LastError);
    }
}
