using System.Diagnostics;
using System.Net.Sockets;
using BetterDns.IntegrationTests.Dns.Wire;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>The server's manners with odd, broken and hostile messages, over real sockets.</summary>
public sealed class EmbeddedServerProtocolTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    private const int FormErr = 1;
    private const int NotImp = 4;

    [Fact]
    public async Task AnswersFormerrToAGarbageQuestion()
    {
        byte[] garbage = [.. RawQuery.Header(0x1234), 0x3F, 0x01, 0x02];

        var reply = await RawSocket.UdpAsync(server.Endpoint, garbage);

        Assert.NotNull(reply);
        Assert.Equal(0x1234, RawQuery.Id(reply));
        Assert.Equal(FormErr, RawQuery.ResponseCode(reply));
        Assert.Equal(0, RawQuery.Count(reply, 0));
    }

    [Fact]
    public async Task AnswersFormerrToACompressionPointerLoop()
    {
        // The question name is a pointer to itself.
        byte[] loop = [.. RawQuery.Header(7), 0xC0, 0x0C, 0, 1, 0, 1];

        var reply = await RawSocket.UdpAsync(server.Endpoint, loop);

        Assert.Equal(FormErr, RawQuery.ResponseCode(reply));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task AnswersFormerrUnlessThereIsExactlyOneQuestion(ushort questions)
    {
        var query = RawQuery.Build(9, "web-1.example.test");
        query[5] = (byte)questions;

        var reply = await RawSocket.UdpAsync(server.Endpoint, query);

        Assert.Equal(FormErr, RawQuery.ResponseCode(reply));
    }

    [Fact]
    public async Task AnswersNotimpToOpcodesOtherThanQuery()
    {
        // Opcode 2 (STATUS).
        var query = RawQuery.Build(11, "web-1.example.test", flags: 2 << 11);

        var reply = await RawSocket.UdpAsync(server.Endpoint, query);

        Assert.Equal(NotImp, RawQuery.ResponseCode(reply));
        Assert.Equal(2, (RawQuery.Flags(reply) >> 11) & 0xF);
    }

    [Fact]
    public async Task IgnoresRuntsAndResponsesAndKeepsServing()
    {
        var runt = await RawSocket.UdpAsync(server.Endpoint, [1, 2, 3], TimeSpan.FromMilliseconds(300));
        var response = await RawSocket.UdpAsync(server.Endpoint, RawQuery.Build(5, "web-1.example.test", flags: 0x8000), TimeSpan.FromMilliseconds(300));
        var good = await RawSocket.UdpAsync(server.Endpoint, RawQuery.Build(6, "web-1.example.test"));

        Assert.Null(runt);
        Assert.Null(response);
        Assert.Equal(0, RawQuery.ResponseCode(good));
        Assert.Equal(1, RawQuery.Count(good, 1));
    }

    [Fact]
    public async Task AnswersBadversWithAnOptOfVersion0()
    {
        var reply = await RawSocket.UdpAsync(server.Endpoint, RawQuery.Build(13, "web-1.example.test", opt: RawQuery.Opt(version: 1)));

        Assert.NotNull(reply);
        Assert.Equal(0, RawQuery.ResponseCode(reply));
        Assert.Equal(0, RawQuery.Count(reply, 1));
        Assert.Equal(1, RawQuery.Count(reply, 3));
        var opt = reply[^11..];
        Assert.Equal([0, 0, 41], opt[..3]);
        Assert.Equal(1, opt[5]);    // extended RCODE 1: with header RCODE 0 that is BADVERS (16)
        Assert.Equal(0, opt[6]);    // version 0
    }

    [Fact]
    public async Task AnswersSeveralPipelinedQueriesOnOneTcpConnection()
    {
        using var socket = await RawSocket.ConnectTcpAsync(server.Endpoint);
        string[] names = ["web-1.example.test", "nothing.example.test", "v6.example.test"];
        byte[] burst = [.. names.SelectMany((name, i) => RawSocket.Framed(RawQuery.Build((ushort)(100 + i), name)))];

        await socket.SendAsync(burst);
        var replies = new List<byte[]>();
        for (var i = 0; i < names.Length; i++)
        {
            replies.Add(Assert.IsType<byte[]>(await RawSocket.ReadFramedAsync(socket)));
        }

        Assert.Equal([100, 101, 102], replies.Select(r => (int)RawQuery.Id(r)));
        Assert.Equal([0, 3, 0], replies.Select(r => RawQuery.ResponseCode(r)));
    }

    [Fact]
    public async Task ClosesAnIdleTcpConnectionAfterTheTimeout()
    {
        using var socket = await RawSocket.ConnectTcpAsync(server.Endpoint);
        await socket.SendAsync(RawSocket.Framed(RawQuery.Build(1, "web-1.example.test")));
        Assert.NotNull(await RawSocket.ReadFramedAsync(socket));
        var idleSince = Stopwatch.StartNew();

        var next = await RawSocket.ReadFramedAsync(socket, TimeSpan.FromSeconds(10));

        Assert.Null(next);
        Assert.InRange(idleSince.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task AnswersFormerrOverTcpAndKeepsTheConnection()
    {
        using var socket = await RawSocket.ConnectTcpAsync(server.Endpoint);
        byte[] garbage = [.. RawQuery.Header(21), 0x3F];

        await socket.SendAsync(RawSocket.Framed(garbage));
        var formerr = await RawSocket.ReadFramedAsync(socket);
        await socket.SendAsync(RawSocket.Framed(RawQuery.Build(22, "web-1.example.test")));
        var good = await RawSocket.ReadFramedAsync(socket);

        Assert.Equal(FormErr, RawQuery.ResponseCode(formerr));
        Assert.Equal((22, 0), (RawQuery.Id(good!), RawQuery.ResponseCode(good!)));
    }

    [Fact]
    public async Task SurvivesRandomDatagrams()
    {
        var random = new Random(4);
        for (var i = 0; i < 200; i++)
        {
            var noise = new byte[random.Next(12, 80)];
            random.NextBytes(noise);
            noise[2] &= 0x7F;   // a query, not a response, so the server must parse the rest
            using var socket = new Socket(server.Endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            await socket.SendToAsync(noise, server.Endpoint);
        }

        var good = await RawSocket.UdpAsync(server.Endpoint, RawQuery.Build(77, "web-1.example.test"));

        Assert.Equal((77, 0), (RawQuery.Id(good!), RawQuery.ResponseCode(good!)));
    }
}
