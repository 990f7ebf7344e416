using System.Net;
using BetterDns.Dns;
using BetterDns.Dns.Embedded;
using BetterDns.IntegrationTests.Dns.Wire;
using BetterDns.Zone.Model;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>Failures and concurrency: the server keeps answering, and answers are never torn.</summary>
public sealed class EmbeddedServerRobustnessTests
{
    private const int ServFail = 2;

    [Fact]
    public async Task AnswersServfailWhileTheZoneSourceFailsAndRecoversAfter()
    {
        var source = new FlakyZoneSource(TestZone.Build());
        await using var server = await StartAsync(source);

        source.Failing = true;
        var during = await RawSocket.UdpAsync(server.Endpoints[0], RawQuery.Build(31, "web-1.example.test"));
        source.Failing = false;
        var after = await RawSocket.UdpAsync(server.Endpoints[0], RawQuery.Build(32, "web-1.example.test"));

        Assert.Equal((31, ServFail), (RawQuery.Id(during!), RawQuery.ResponseCode(during!)));
        Assert.Equal((32, 0, 1), (RawQuery.Id(after!), RawQuery.ResponseCode(after!), RawQuery.Count(after!, 1)));
    }

    [Fact]
    public async Task GivesWholeAnswersFromOneZoneOrTheOtherWhileZonesChange()
    {
        var zones = new MutableZoneSource(TestZone.Build("10.0.0.5"));
        await using var server = await StartAsync(zones);
        var swapping = true;
        var swapper = Task.Run(async () =>
        {
            for (var i = 0; swapping; i++)
            {
                zones.Current = TestZone.Build(i % 2 == 0 ? "10.0.0.6" : "10.0.0.5");
                await Task.Delay(1);
            }
        });

        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            RawSocket.UdpAsync(server.Endpoints[0], RawQuery.Build((ushort)i, "web-1.example.test"))));
        swapping = false;
        await swapper;

        Assert.All(replies, reply =>
        {
            Assert.NotNull(reply);
            Assert.Equal((0, 1), (RawQuery.ResponseCode(reply), RawQuery.Count(reply, 1)));
            var address = new IPAddress(reply[^4..]).ToString();
            Assert.Contains(address, new[] { "10.0.0.5", "10.0.0.6" });
        });
    }

    private static async Task<EmbeddedDnsServer> StartAsync(IZoneSource zones)
    {
        var options = new EmbeddedDnsOptions { Listen = ["127.0.0.1:0"], UdpReceivers = 2 };
        var server = new EmbeddedDnsServer(new DnsResponder(zones), options);
        await server.StartAsync();
        return server;
    }

    private sealed class FlakyZoneSource(DnsZone zone) : IZoneSource
    {
        public volatile bool Failing;

        public DnsZone Current => Failing ? throw new InvalidOperationException("the registry is unavailable") : zone;
    }
}
