using System.Globalization;
using System.Net;
using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;
using BetterDns.Dns.Bridges.CoreDns;
using BetterDns.Dns.Controller;
using BetterDns.Dns.Strategies;
using Microsoft.Extensions.Logging;

namespace BetterDns.ControllerTests.CoreDns;

/// <summary>
/// The CoreDNS bridge end to end with a real process: a stand-in <c>coredns</c> executable
/// (CoreDns/coredns-standin.sh) that reads the generated Corefile and serves it with BIND, reloads on
/// SIGUSR1 and polls the zone file as <c>file … reload</c> does. CoreDNS itself is not installable here.
/// </summary>
public sealed class CoreDnsBridgeSupervisionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task RunsTheBinaryWithTheGeneratedCorefileAndWaitsUntilItAnswers()
    {
        await using var coredns = await StandIn.StartAsync(ApplyStrategyKind.Serial, ("web-1", "10.0.0.5"));

        Assert.True(File.Exists(coredns.Directory.File("Corefile")));
        Assert.Contains($"file {coredns.ZoneFile} {{", File.ReadAllText(coredns.Directory.File("Corefile")));
        Assert.Equal(["10.0.0.5"], await coredns.Resolver.AAsync(TestZone.Name("web-1")));
        Assert.Contains(coredns.Logs.Lines, l => l.Message.StartsWith("coredns (stdout): [INFO] stand-in coredns: serving", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SerialStrategyLeavesTheReloadToTheServersOwnPolling()
    {
        await using var coredns = await StandIn.StartAsync(ApplyStrategyKind.Serial);
        var web = TestZone.Name("web-1");

        TestZone.WriteAtomically(coredns.ZoneFile, TestZone.Build(2, ("web-1", "10.0.0.5")));
        Assert.True((await coredns.Controller.RequestApplyAsync()).Succeeded);

        Assert.True(await Eventually.TrueAsync(async () => (await coredns.Resolver.AAsync(web)) is ["10.0.0.5"], Within));
        Assert.DoesNotContain(coredns.Logs.Lines, l => l.Message.Contains("SIGUSR1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignalStrategySendsSigusr1()
    {
        await using var coredns = await StandIn.StartAsync(ApplyStrategyKind.Signal);

        TestZone.WriteAtomically(coredns.ZoneFile, TestZone.Build(2, ("web-1", "10.0.0.5")));
        Assert.True((await coredns.Controller.RequestApplyAsync()).Succeeded);

        Assert.True(await Eventually.TrueAsync(() => coredns.Logs.Lines.Any(l => l.Message == "coredns (stdout): [INFO] SIGUSR1: reloading"), Within));
        Assert.True(await Eventually.TrueAsync(async () => (await coredns.Resolver.AAsync(TestZone.Name("web-1"))) is ["10.0.0.5"], Within));
    }

    [Fact]
    public async Task IsNotHealthyUntilTheReadyEndpointSays200()
    {
        var readyPort = FreePort.Next();
        using var ready = new HttpListener();
        ready.Prefixes.Add($"http://127.0.0.1:{readyPort.ToString(CultureInfo.InvariantCulture)}/");
        ready.Start();
        var status = HttpStatusCode.ServiceUnavailable;
        _ = Task.Run(async () =>
        {
            while (ready.IsListening)
            {
                try
                {
                    var context = await ready.GetContextAsync();
                    context.Response.StatusCode = context.Request.Url?.AbsolutePath == "/ready" ? (int)status : 404;
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
            }
        });

        await using var coredns = await StandIn.StartAsync(ApplyStrategyKind.Serial, ready: $"127.0.0.1:{readyPort}", waitUntilAnswering: false);
        Assert.True(await Eventually.TrueAsync(async () => (await coredns.Resolver.RcodeAsync(TestZone.Origin)) is not null, Within));

        var notReady = await coredns.Bridge.CheckHealthAsync(CancellationToken.None);
        Assert.False(notReady.Answering);
        Assert.True(notReady.Description.Contains("says 503", StringComparison.Ordinal), notReady.Description);
        Assert.Equal(Dns.Bridges.DnsServerState.Starting, coredns.Bridge.Status.State);

        status = HttpStatusCode.OK;
        Assert.True(await coredns.Bridge.WaitUntilAnsweringAsync(Within));
        Assert.True((await coredns.Bridge.CheckHealthAsync(CancellationToken.None)).Answering);
    }

    /// <summary>The CoreDNS bridge over <c>coredns-standin.sh</c>, a real executable that serves our generated Corefile with BIND.</summary>
    private static class StandIn
    {
        public static async Task<ServerHarness<CoreDnsBridge>> StartAsync(
            ApplyStrategyKind strategy, (string, string)? record = null, string? ready = null, bool waitUntilAnswering = true)
        {
            var directory = new TempDirectory();
            var binary = directory.File("coredns");
            File.Copy(Path.Combine(AppContext.BaseDirectory, "CoreDns", "coredns-standin.sh"), binary);
            File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var zone = new ControlledZone(TestZone.Origin, RealServers.ZoneFile(directory));
            TestZone.WriteAtomically(zone.FilePath, record is { } r ? TestZone.Build(1, r) : TestZone.Build(1));

            var logs = new CapturingLoggerFactory();
            var options = new CoreDnsOptions
            {
                Binary = binary,
                Listen = $"127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
                Health = null,
                Ready = ready,
                Metrics = null,
            };
            var bridge = new CoreDnsBridge(options, zone, ServerHarness.FastSupervision(), logs, TimeProvider.System);
            return await ServerHarness<CoreDnsBridge>.StartAsync(directory, bridge, logs, strategy, waitUntilAnswering);
        }
    }
}
