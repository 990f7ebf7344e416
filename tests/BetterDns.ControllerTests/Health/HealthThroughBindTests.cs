using System.Net;
using System.Net.Sockets;
using BetterDns.ControllerTests.Infrastructure;
using BetterDns.ControllerTests.Hosting;
using BetterDns.Dns.Bridges;
using BetterDns.Registry;
using DnsClient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BetterDns.ControllerTests.Health;

/// <summary>
/// The health checker's verdicts reach a real BIND through the registry, the zone file and the process
/// bridge: a record whose TCP target stops leaves BIND's answer, comes back when it listens again, and
/// is gone for good after deregisterAfter.
/// </summary>
public sealed class HealthThroughBindTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private static readonly IPAddress Target = IPAddress.Parse("127.0.0.13");

    [Fact]
    public async Task ACriticalRecordLeavesBindsAnswerReturnsWhenHealthyAndIsDeregisteredAfterDeregisterAfter()
    {
        var listener = Listen(0);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var app = await ControllerHost.StartAsync(
            (d, zone) => RealServers.Bind(d, TestZone.Origin, zone), "signal", configure: builder => builder.AddHealthChecker());
        var bridge = app.Host.Services.GetRequiredService<IDnsServerBridge>();
        Assert.True(await ((SupervisedServerBridge)bridge).WaitUntilAnsweringAsync(TimeSpan.FromSeconds(20)));
        var resolver = new Resolver(bridge.ProbeEndpoint);
        var web = TestZone.Name("web-h");
        var check = new HealthCheck(CheckKind.Tcp, port, "/", null, null, null,
            TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), 1, 1, TimeSpan.FromSeconds(1.5));

        try
        {
            Assert.Equal(ChangeStatus.Created, (await app.Registry.SubmitAsync(new RegisterChange(Actor.Admin("ops"), "web-h", Target, 60, check))).Status);
            Assert.True(await Eventually.TrueAsync(async () => (await resolver.AAsync(web)) is ["127.0.0.13"], Within));

            listener.Stop();
            Assert.True(await Eventually.TrueAsync(async () => await resolver.RcodeAsync(web) == DnsResponseCode.NotExistentDomain, Within));
            Assert.Empty(await resolver.DigAAsync(web));
            Assert.Equal(HealthVerdict.Critical, Assert.Single(app.Registry.Current.Find(web)).Health.Status);

            listener = Listen(port);
            Assert.True(await Eventually.TrueAsync(async () => (await resolver.AAsync(web)) is ["127.0.0.13"], Within));
            Assert.Equal(["127.0.0.13"], await resolver.DigAAsync(web));

            listener.Stop();
            Assert.True(await Eventually.TrueAsync(() => app.Registry.Current.Find(web).IsEmpty, Within));
            Assert.Equal(DnsResponseCode.NotExistentDomain, await resolver.RcodeAsync(web));
        }
        finally
        {
            listener.Stop();
        }
    }

    private static TcpListener Listen(int port)
    {
        var listener = new TcpListener(Target, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(1024);
        return listener;
    }
}
