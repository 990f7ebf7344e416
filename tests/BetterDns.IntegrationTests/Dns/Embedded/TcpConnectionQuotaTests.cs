using System.Net;
using System.Net.Sockets;
using BetterDns.Dns.Embedded;
using BetterDns.IntegrationTests.Dns.Wire;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>
/// Issue 12 row 9: one client holding every DNS-over-TCP slot kept everyone else's <c>dig +tcp</c> out.
/// A source now gets a quota of connections, and idle connections make room for new ones.
/// </summary>
public sealed class TcpConnectionQuotaTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.3");
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DigOverTcpIsAnsweredWhileOneSourceOpensTwoHundredFiftySixConnectionsQueryingEveryFewSeconds()
    {
        // The defaults (256 slots, 16 per source), as the attack met them.
        var options = new EmbeddedDnsOptions { Listen = ["127.0.0.1:0"], UdpReceivers = 1 };
        await using var server = new EmbeddedDnsServer(new DnsResponder(new MutableZoneSource(TestZone.Build())), options);
        await server.StartAsync();
        var endpoint = server.Endpoints[0];
        using var attack = new CancellationTokenSource();
        var answeredAttackers = 0;
        var attackers = Enumerable.Range(0, 256).Select(i => HoldConnectionAsync(endpoint, (ushort)i, () => Interlocked.Increment(ref answeredAttackers), attack.Token)).ToArray();

        // Wait until the attack is fully under way: every connection beyond the quota has been turned away.
        await WaitForAsync(
            () => server.TcpRefused >= 256 - options.MaxTcpConnectionsPerSource && Volatile.Read(ref answeredAttackers) >= options.MaxTcpConnectionsPerSource,
            "the attacker to hold its connections and see the rest refused");
        var dig = new Dig(endpoint);
        var answers = new List<DigResult>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await dig.QueryAsync("web-1.example.test", "A", "+tcp", "-b", "127.0.0.1"));
        }

        var held = server.TcpConnections;
        await attack.CancelAsync();
        await Task.WhenAll(attackers);

        Assert.All(answers, answer => Assert.Equal(("NOERROR", "10.0.0.5"), (answer.Status, Assert.Single(answer.Answer).Data)));
        Assert.True(held <= options.MaxTcpConnectionsPerSource + 1, $"{held} connections open; the attacker may hold {options.MaxTcpConnectionsPerSource}");
    }

    [Fact]
    public async Task ANewClientDisplacesTheConnectionIdleLongestWhenEverySlotIsTaken()
    {
        await using var server = await StartAsync(maxConnections: 4, perSource: 4, idleUnderPressure: TimeSpan.FromMinutes(1));
        var endpoint = server.Endpoints[0];
        var held = new List<Socket>();
        for (var i = 0; i < 4; i++)
        {
            held.Add(await RawSocket.ConnectTcpAsync(endpoint, Attacker));
            Assert.NotNull(await RawSocket.ExchangeAsync(held[i], RawQuery.Build((ushort)i, "web-1.example.test")));
        }

        using var newcomer = await RawSocket.ConnectTcpAsync(endpoint, Other);
        var answer = await RawSocket.ExchangeAsync(newcomer, RawQuery.Build(99, "web-1.example.test"));

        Assert.Equal((99, 1), (RawQuery.Id(answer!), RawQuery.Count(answer!, 1)));
        Assert.Null(await RawSocket.ReadFramedAsync(held[0], Deadline));
        Assert.NotNull(await RawSocket.ExchangeAsync(held[3], RawQuery.Build(7, "web-1.example.test")));
        Assert.Equal(1, server.TcpEvicted);
        held.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task UnderPressureEveryIdleConnectionGetsTheShortTimeout()
    {
        // Pressure starts at three of four slots; below it the idle timeout is a minute.
        await using var server = await StartAsync(maxConnections: 4, perSource: 4, idleUnderPressure: TimeSpan.FromMilliseconds(300));
        var endpoint = server.Endpoints[0];
        var held = new List<Socket>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await RawSocket.ConnectTcpAsync(endpoint, Attacker));
            Assert.NotNull(await RawSocket.ExchangeAsync(held[i], RawQuery.Build((ushort)i, "web-1.example.test")));
        }

        // The first two armed a minute before the third arrived; the third cut their timers short.
        foreach (var socket in held)
        {
            Assert.Null(await RawSocket.ReadFramedAsync(socket, Deadline));
        }

        await WaitForAsync(() => server.TcpConnections == 0, "the idle connections to be closed");
        Assert.Equal(0, server.TcpEvicted);
        held.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task ASourceOverItsQuotaIsClosedAtOnceWhileOthersAreServed()
    {
        await using var server = await StartAsync(maxConnections: 16, perSource: 2, idleUnderPressure: TimeSpan.FromSeconds(1));
        var endpoint = server.Endpoints[0];
        using var first = await RawSocket.ConnectTcpAsync(endpoint, Attacker);
        using var second = await RawSocket.ConnectTcpAsync(endpoint, Attacker);
        Assert.NotNull(await RawSocket.ExchangeAsync(first, RawQuery.Build(1, "web-1.example.test")));
        Assert.NotNull(await RawSocket.ExchangeAsync(second, RawQuery.Build(2, "web-1.example.test")));

        Assert.True(await IsClosedAtOnceAsync(endpoint, Attacker));
        using var other = await RawSocket.ConnectTcpAsync(endpoint, Other);

        Assert.NotNull(await RawSocket.ExchangeAsync(other, RawQuery.Build(4, "web-1.example.test")));
        Assert.NotNull(await RawSocket.ExchangeAsync(first, RawQuery.Build(5, "web-1.example.test")));
        Assert.Equal((1, 0), (server.TcpRefused, server.TcpEvicted));
    }

    private static async Task<EmbeddedDnsServer> StartAsync(int maxConnections, int perSource, TimeSpan idleUnderPressure)
    {
        var options = new EmbeddedDnsOptions
        {
            Listen = ["127.0.0.1:0"],
            UdpReceivers = 1,
            MaxTcpConnections = maxConnections,
            MaxTcpConnectionsPerSource = perSource,
            TcpIdleTimeout = TimeSpan.FromMinutes(1),
            TcpIdleTimeoutUnderPressure = idleUnderPressure,
        };
        var server = new EmbeddedDnsServer(new DnsResponder(new MutableZoneSource(TestZone.Build())), options);
        await server.StartAsync();
        return server;
    }

    /// <summary>The attacker's loop: one connection from 127.0.0.2, a query every 3 s; when closed, connect again 3 s later.</summary>
    private static async Task HoldConnectionAsync(IPEndPoint server, ushort id, Action answered, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var socket = await RawSocket.ConnectTcpAsync(server, Attacker);
                while (await RawSocket.ExchangeAsync(socket, RawQuery.Build(id, "web-1.example.test"), TimeSpan.FromSeconds(10)) is not null)
                {
                    answered();
                    await Task.Delay(TimeSpan.FromSeconds(3), stop);
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // Refused, reset or timed out: the attacker just tries again.
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(3), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Connects from <paramref name="from"/> and asks once: true when the server closed (or reset) the connection instead of answering.</summary>
    private static async Task<bool> IsClosedAtOnceAsync(IPEndPoint server, IPAddress from)
    {
        try
        {
            using var socket = await RawSocket.ConnectTcpAsync(server, from);
            return await RawSocket.ExchangeAsync(socket, RawQuery.Build(3, "web-1.example.test"), Deadline) is null;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
