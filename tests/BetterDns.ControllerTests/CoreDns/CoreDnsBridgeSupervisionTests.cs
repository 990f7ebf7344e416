using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;

namespace BetterDns.ControllerTests.CoreDns;

/// <summary>
/// The CoreDNS bridge end to end with a real process: a stand-in <c>coredns</c> executable
/// (CoreDns/coredns-standin.py, see <see cref="CoreDnsStandIn"/>) that reads the generated Corefile and
/// serves it as CoreDNS does. CoreDNS itself is not installable here.
/// </summary>
public sealed class CoreDnsBridgeSupervisionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task RunsTheBinaryWithTheGeneratedCorefileAndWaitsUntilItAnswers()
    {
        await using var coredns = await CoreDnsStandIn.StartAsync(ApplyStrategyKind.Serial, ("web-1", "10.0.0.5"));

        Assert.True(File.Exists(coredns.Directory.File("Corefile")));
        Assert.Contains($"file {coredns.ZoneFile} {{", File.ReadAllText(coredns.Directory.File("Corefile")));
        Assert.Equal(["10.0.0.5"], await coredns.Resolver.AAsync(TestZone.Name("web-1")));
        Assert.Contains(coredns.Logs.Lines, l => l.Message.StartsWith("coredns (stdout): [INFO] stand-in coredns: serving", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SerialStrategyLeavesTheReloadToTheServersOwnPolling()
    {
        await using var coredns = await CoreDnsStandIn.StartAsync(ApplyStrategyKind.Serial);
        var web = TestZone.Name("web-1");

        TestZone.WriteAtomically(coredns.ZoneFile, TestZone.Build(2, ("web-1", "10.0.0.5")));
        Assert.True((await coredns.Controller.RequestApplyAsync()).Succeeded);

        Assert.True(await Eventually.TrueAsync(async () => (await coredns.Resolver.AAsync(web)) is ["10.0.0.5"], Within));
        Assert.DoesNotContain(coredns.Logs.Lines, l => l.Message.Contains("SIGUSR1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignalStrategySendsSigusr1()
    {
        await using var coredns = await CoreDnsStandIn.StartAsync(ApplyStrategyKind.Signal);

        TestZone.WriteAtomically(coredns.ZoneFile, TestZone.Build(2, ("web-1", "10.0.0.5")));
        Assert.True((await coredns.Controller.RequestApplyAsync()).Succeeded);

        Assert.True(await Eventually.TrueAsync(() => coredns.Logs.Lines.Any(l => l.Message == "coredns (stdout): [INFO] SIGUSR1: Reloading"), Within));
        Assert.True(await Eventually.TrueAsync(async () => (await coredns.Resolver.AAsync(TestZone.Name("web-1"))) is ["10.0.0.5"], Within));
    }

    [Fact]
    public async Task IsNotHealthyUntilTheReadyEndpointSays200()
    {
        // The stand-in's /ready says 503 for its first 8 s, as CoreDNS's does while a plugin is not ready yet.
        await using var coredns = await CoreDnsStandIn.StartAsync(ApplyStrategyKind.Serial, ready: true, readyDelaySeconds: 8, waitUntilAnswering: false);
        Assert.True(await Eventually.TrueAsync(async () => (await coredns.Resolver.RcodeAsync(TestZone.Origin)) is not null, Within));

        var notReady = await coredns.Bridge.CheckHealthAsync(CancellationToken.None);
        Assert.False(notReady.Answering);
        // "says 503", or on a crowded machine "does not answer" (the HTTP request timed out): not ready either way.
        Assert.True(notReady.Description.Contains("/ready", StringComparison.Ordinal), notReady.Description);
        Assert.Equal(Dns.Bridges.DnsServerState.Starting, coredns.Bridge.Status.State);

        Assert.True(await coredns.Bridge.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(30)));
        Assert.True((await coredns.Bridge.CheckHealthAsync(CancellationToken.None)).Answering);
    }
}
