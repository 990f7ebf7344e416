using System.Net;
using System.Net.Sockets;
using BetterDns.Dns;
using BetterDns.Dns.Embedded;
using BetterDns.IntegrationTests.Dns.Wire;
using DnsClient;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>Starting, stopping, configuring, and zone changes.</summary>
public sealed class EmbeddedServerLifecycleTests
{
    [Fact]
    public async Task AnswersFromANewZoneOnTheNextQuery()
    {
        var zones = new MutableZoneSource(TestZone.Build("10.0.0.5"));
        await using var server = Start(zones);
        var client = Client(server.Endpoints[0]);
        var before = await client.QueryAsync("web-1.example.test", QueryType.A);

        zones.Current = TestZone.Build("10.0.0.77");
        var after = await client.QueryAsync("web-1.example.test", QueryType.A);

        Assert.Equal("10.0.0.5", Assert.Single(before.Answers.ARecords()).Address.ToString());
        Assert.Equal("10.0.0.77", Assert.Single(after.Answers.ARecords()).Address.ToString());
    }

    [Fact]
    public async Task ReleasesItsPortsWhenStopped()
    {
        var server = Start(new MutableZoneSource(TestZone.Build()));
        var endpoint = server.Endpoints[0];

        await server.StopAsync();

        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        udp.Bind(endpoint);
        tcp.Bind(endpoint);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task ServesEveryListenEndpointIncludingIpv6()
    {
        var options = new EmbeddedDnsOptions { Listen = ["127.0.0.1:0", "[::1]:0"], UdpReceivers = 1 };
        await using var server = new EmbeddedDnsServer(new DnsResponder(new MutableZoneSource(TestZone.Build())), options);
        await server.StartAsync();

        foreach (var endpoint in server.Endpoints)
        {
            var reply = await RawSocket.UdpAsync(endpoint, RawQuery.Build(3, "web-1.example.test"));
            Assert.Equal(1, RawQuery.Count(reply, 1));
        }

        Assert.Equal([AddressFamily.InterNetwork, AddressFamily.InterNetworkV6], server.Endpoints.Select(e => e.AddressFamily));
    }

    [Theory]
    [InlineData(UdpLoop.Threads)]
    [InlineData(UdpLoop.Async)]
    public async Task ServesUdpWithEitherLoopAndStopsIt(UdpLoop loop)
    {
        var options = new EmbeddedDnsOptions { Listen = ["127.0.0.1:0"], UdpReceivers = 2, UdpLoop = loop };
        var server = new EmbeddedDnsServer(new DnsResponder(new MutableZoneSource(TestZone.Build())), options);
        await server.StartAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => RawSocket.UdpAsync(server.Endpoints[0], RawQuery.Build((ushort)i, "web-1.example.test"))));
        var stop = server.StopAsync();

        Assert.All(replies, r => Assert.Equal(1, RawQuery.Count(r, 1)));
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(5))));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task ClosesOpenTcpConnectionsWhenStopped()
    {
        var server = Start(new MutableZoneSource(TestZone.Build()));
        using var client = await RawSocket.ConnectTcpAsync(server.Endpoints[0]);
        await client.SendAsync(RawSocket.Framed(RawQuery.Build(1, "web-1.example.test")));
        Assert.NotNull(await RawSocket.ReadFramedAsync(client));
        Assert.Equal(1, server.TcpConnections);

        var stop = server.StopAsync();

        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.Null(await RawSocket.ReadFramedAsync(client, TimeSpan.FromSeconds(2)));
        Assert.Equal(0, server.TcpConnections);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task FailsToStartWhenThePortIsTaken()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var taken = ((IPEndPoint)squatter.LocalEndPoint!).Port;
        var options = new EmbeddedDnsOptions { Listen = [$"127.0.0.1:{taken}"] };
        await using var server = new EmbeddedDnsServer(new DnsResponder(new MutableZoneSource(TestZone.Build())), options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync());

        Assert.Contains($"127.0.0.1:{taken}", error.Message);
    }

    [Fact]
    public async Task RunsAsAHostedServiceConfiguredFromDnsListen()
    {
        var port = FreePort();
        using var host = BuildHost(new() { ["Dns:Listen"] = $"127.0.0.1:{port}" });

        await host.StartAsync();
        var response = await Client(new IPEndPoint(IPAddress.Loopback, port)).QueryAsync("web-1.example.test", QueryType.A);
        await host.StopAsync();

        Assert.Equal("10.0.0.5", Assert.Single(response.Answers.ARecords()).Address.ToString());
        Assert.DoesNotContain(host.Services.GetRequiredService<EmbeddedDnsServer>().Endpoints, IsListening);
    }

    [Theory]
    [InlineData("Dns:Listen", "localhost:53", "Dns:Listen entry 'localhost:53'")]
    [InlineData("Dns:Listen", "127.0.0.1", "Dns:Listen entry '127.0.0.1'")]
    [InlineData("Dns:Embedded:MaxUdpPayload", "100", "MaxUdpPayload is 100")]
    [InlineData("Dns:Embedded:MaxTcpConnectionsPerSource", "300", "MaxTcpConnectionsPerSource is 300; it must be between 1 and Dns:Embedded:MaxTcpConnections (256)")]
    [InlineData("Dns:Embedded:TcpIdleTimeoutUnderPressure", "00:01:00", "TcpIdleTimeoutUnderPressure must be positive and at most Dns:Embedded:TcpIdleTimeout")]
    [InlineData("Dns:Embedded:ResponseRateLimit:Slip", "11", "ResponseRateLimit:Slip is 11")]
    [InlineData("Dns:Embedded:ResponseRateLimit:Ipv4PrefixLength", "33", "ResponseRateLimit:Ipv4PrefixLength is 33")]
    [InlineData("Dns:Embedded:ResponseRateLimit:ResponsesPerSecond", "0", "ResponseRateLimit:ResponsesPerSecond is 0")]
    public async Task RefusesToStartWithInvalidSettings(string key, string value, string message)
    {
        using var host = BuildHost(new() { ["Dns:Listen"] = "127.0.0.1:0", [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ReadsListenAsAListOrACommaSeparatedString()
    {
        var list = Options(new() { ["Dns:Listen:0"] = "127.0.0.1:5053", ["Dns:Listen:1"] = "[::1]:5053" });
        var text = Options(new() { ["Dns:Listen"] = "127.0.0.1:5053, [::1]:5053" });
        var none = Options([]);

        Assert.Equal(["127.0.0.1:5053", "[::1]:5053"], list.Listen);
        Assert.Equal(["127.0.0.1:5053", "[::1]:5053"], text.Listen);
        Assert.Equal([IPEndPoint.Parse(EmbeddedDnsOptions.DefaultListen)], none.Endpoints());
    }

    private static EmbeddedDnsServer Start(IZoneSource zones)
    {
        var options = new EmbeddedDnsOptions { Listen = ["127.0.0.1:0"], UdpReceivers = 1 };
        var server = new EmbeddedDnsServer(new DnsResponder(zones), options);
        server.StartAsync().GetAwaiter().GetResult();
        return server;
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IZoneSource>(new MutableZoneSource(TestZone.Build()));
        builder.Services.AddEmbeddedDns(builder.Configuration);
        return builder.Build();
    }

    private static EmbeddedDnsOptions Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddEmbeddedDns(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<EmbeddedDnsOptions>>().Value;
    }

    private static LookupClient Client(IPEndPoint endpoint) =>
        new(new LookupClientOptions(new NameServer(endpoint)) { UseCache = false, Retries = 0, ThrowDnsErrors = false });

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static bool IsListening(IPEndPoint endpoint)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Connect(endpoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
