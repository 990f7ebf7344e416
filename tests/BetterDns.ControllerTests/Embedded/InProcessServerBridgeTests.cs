using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;
using BetterDns.Dns.Bridges;
using BetterDns.Dns.Bridges.Embedded;
using BetterDns.Dns.Bridges.Process;
using BetterDns.Dns.Controller;
using BetterDns.Dns.Strategies;
using Microsoft.Extensions.Logging.Abstractions;

namespace BetterDns.ControllerTests.Embedded;

/// <summary>
/// The bridge the embedded server plugs into, driven through start/stop delegates. The server behind
/// the delegates here is BIND (the embedded server lives on another branch); what is tested is the
/// bridge: state, health by SOA probe, restart, reload as a no-op.
/// </summary>
public sealed class InProcessServerBridgeTests
{
    [Fact]
    public async Task FollowsTheServerThroughStartRestartAndStop()
    {
        using var directory = new TempDirectory();
        TestZone.WriteAtomically(RealServers.ZoneFile(directory), TestZone.Build(1, ("web-1", "10.0.0.5")));
        await using var server = new ProcessBridge(
            RealServers.Bind(directory, TestZone.Origin), RealServers.Controlled(directory), ServerHarness.FastSupervision(),
            NullLoggerFactory.Instance, TimeProvider.System);
        var bridge = new InProcessServerBridge(
            "embedded",
            async token =>
            {
                await server.StartAsync(token);
                Assert.True(await server.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(20), token));
            },
            server.StopAsync,
            () => server.ProbeEndpoint,
            TestZone.Origin,
            TimeSpan.FromSeconds(1));
        Assert.False((await bridge.CheckHealthAsync(CancellationToken.None)).Answering);

        var controller = new DnsController(bridge, IApplyStrategy.For(ApplyStrategyKind.Signal), null, NullLogger<DnsController>.Instance);
        await controller.StartAsync(CancellationToken.None);
        Assert.Equal(DnsServerState.Running, bridge.Status.State);
        Assert.True((await bridge.CheckHealthAsync(CancellationToken.None)).Answering);
        Assert.True((await controller.RequestApplyAsync()).Succeeded);
        Assert.Equal(1, bridge.Status.Starts);

        await bridge.RestartAsync(CancellationToken.None);
        Assert.Equal(2, bridge.Status.Starts);
        Assert.Equal(["10.0.0.5"], await new Resolver(bridge.ProbeEndpoint).AAsync(TestZone.Name("web-1")));

        await controller.StopAsync(CancellationToken.None);
        controller.Dispose();
        Assert.Equal(DnsServerState.Stopped, bridge.Status.State);
        var stopped = await bridge.CheckHealthAsync(CancellationToken.None);
        Assert.False(stopped.Answering);
        Assert.Equal("embedded is not running", stopped.Description);
    }
}
