using System.Net;
using System.Net.Sockets;
using BetterDns.Dns.Embedded;
using BetterDns.IntegrationTests.Dns.Wire;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>
/// <c>Dns:Embedded:ResponseRateLimit</c>: a flood from one client network is mostly dropped, every
/// Slip-th limited response comes back truncated (so a real client retries over TCP, never limited),
/// and other networks are answered as before. Off by default.
/// </summary>
public sealed class ResponseRateLimitTests
{
    private const int Flood = 200;
    private const ushort Truncated = 0x0200;
    private static readonly IPAddress Flooder = IPAddress.Parse("127.0.0.2");

    // Another /24 than the flooder's, so another account.
    private static readonly IPAddress Neighbour = IPAddress.Parse("127.0.1.2");

    [Fact]
    public async Task AFloodFromOneSourceIsMostlyDroppedAndSlippedWhileAnotherNetworkIsAnswered()
    {
        await using var server = await StartAsync(new ResponseRateLimitOptions { Enabled = true, ResponsesPerSecond = 5, Slip = 2 });

        var replies = await FloodAsync(server, Flooder, Flood);
        var answered = replies.Count(r => (RawQuery.Flags(r) & Truncated) == 0 && RawQuery.Count(r, 1) == 1);
        var slipped = replies.Where(r => (RawQuery.Flags(r) & Truncated) != 0).ToList();

        Assert.True(answered < Flood / 2, $"{answered} of {Flood} answered");
        Assert.True(server.RateLimitDropped >= Flood / 4, $"{server.RateLimitDropped} dropped");
        Assert.True(slipped.Count >= Flood / 4, $"{slipped.Count} slipped");
        Assert.All(slipped, r => Assert.Equal((0, 1, 0, 1), (RawQuery.ResponseCode(r), (int)RawQuery.Count(r, 0), (int)RawQuery.Count(r, 1), (int)RawQuery.Count(r, 3))));
        Assert.Equal(server.RateLimitSlipped, slipped.Count);

        var neighbour = await FloodAsync(server, Neighbour, 4);
        Assert.All(neighbour, r => Assert.Equal((0, 1), (RawQuery.Flags(r) & Truncated, (int)RawQuery.Count(r, 1))));
        Assert.Equal(4, neighbour.Count);
    }

    [Fact]
    public async Task TcpIsNeverLimited()
    {
        await using var server = await StartAsync(new ResponseRateLimitOptions { Enabled = true, ResponsesPerSecond = 1, Slip = 0 });
        await FloodAsync(server, Flooder, 50);

        var result = await new Dig(server.Endpoints[0]).QueryAsync("web-1.example.test", "A", "+tcp", "-b", Flooder.ToString());

        Assert.Equal("10.0.0.5", Assert.Single(result.Answer).Data);
        Assert.True(server.RateLimitDropped > 0);
    }

    [Fact]
    public async Task DigRetriesASlippedAnswerOverTcpAndGetsIt()
    {
        await using var server = await StartAsync(new ResponseRateLimitOptions { Enabled = true, ResponsesPerSecond = 1, Slip = 1 });
        await FloodAsync(server, Flooder, 20);

        var result = await new Dig(server.Endpoints[0]).QueryAsync("web-1.example.test", "A", "-b", Flooder.ToString());

        Assert.True(result.RetriedOverTcp, result.Output);
        Assert.Equal("10.0.0.5", Assert.Single(result.Answer).Data);
    }

    [Fact]
    public async Task OffByDefaultEveryQueryOfAFloodIsAnswered()
    {
        await using var server = await StartAsync(new ResponseRateLimitOptions());

        var replies = await FloodAsync(server, Flooder, Flood);

        Assert.Equal(Flood, replies.Count);
        Assert.All(replies, r => Assert.Equal((0, 1), (RawQuery.Flags(r) & Truncated, (int)RawQuery.Count(r, 1))));
        Assert.Equal((0, 0), (server.RateLimitDropped, server.RateLimitSlipped));
    }

    private static async Task<EmbeddedDnsServer> StartAsync(ResponseRateLimitOptions limit)
    {
        var options = new EmbeddedDnsOptions { Listen = ["127.0.0.1:0"], UdpReceivers = 2, ResponseRateLimit = limit };
        var server = new EmbeddedDnsServer(new DnsResponder(new MutableZoneSource(TestZone.Build())), options);
        await server.StartAsync();
        return server;
    }

    /// <summary>
    /// Sends <paramref name="count"/> queries for one name from <paramref name="from"/> as fast as it can, then
    /// collects replies until every query is accounted for: answered, slipped, or counted as dropped by the server.
    /// </summary>
    private static async Task<List<byte[]>> FloodAsync(EmbeddedDnsServer server, IPAddress from, int count)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveBufferSize = 1 << 20;
        socket.Bind(new IPEndPoint(from, 0));
        socket.Connect(server.Endpoints[0]);
        var droppedBefore = server.RateLimitDropped;
        for (var i = 0; i < count; i++)
        {
            await socket.SendAsync(RawQuery.Build((ushort)i, "web-1.example.test", opt: RawQuery.Opt()));
        }

        var replies = new List<byte[]>();
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (replies.Count + (server.RateLimitDropped - droppedBefore) < count)
        {
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            poll.CancelAfter(TimeSpan.FromMilliseconds(100));
            try
            {
                var received = await socket.ReceiveAsync(buffer, SocketFlags.None, poll.Token);
                replies.Add(buffer[..received]);
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
                // Nothing for a moment: look at the drop counter again.
            }
        }

        return replies;
    }
}
