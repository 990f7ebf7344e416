using System.Net;
using BetterDns.Dns.Embedded;
using BetterDns.IntegrationTests.Dns.Wire;
using BetterDns.Zone.Model;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>
/// Issue 12 row 11: ANY at a 64-address pool turned a 53-octet query into a 1,077-octet answer. Over UDP
/// ANY is now answered per RFC 8482 §4.2 (one synthesised HINFO), over TCP conventionally (§4.4).
/// dig 9.18 sends ANY over TCP unless told <c>+notcp</c>.
/// </summary>
public sealed class MinimalAnyTests : IAsyncLifetime
{
    private const ushort TypeAny = 255;
    private const int PoolSize = 64;

    private readonly EmbeddedDnsServer _server;

    public MinimalAnyTests()
    {
        var zone = TestZone.Build();
        var pool = Enumerable.Range(1, PoolSize).Select(i =>
            new ResourceRecord(TestZone.N("pool64"), 30, DnsClass.IN, new AData(IPAddress.Parse($"10.64.0.{i}"))));
        var options = new EmbeddedDnsOptions { Listen = ["127.0.0.1:0"], UdpReceivers = 1 };
        _server = new EmbeddedDnsServer(
            new DnsResponder(new MutableZoneSource(new DnsZone(zone.Origin, zone.DefaultTtl, zone.Records.Concat(pool)))), options);
    }

    [Fact]
    public async Task AnyAtASixtyFourAddressPoolOverUdpIsOneSmallRecordNotTheWholePool()
    {
        var query = RawQuery.Build(1, "pool64.example.test", TypeAny, opt: RawQuery.Opt(4096));

        var reply = await RawSocket.UdpAsync(_server.Endpoints[0], query);

        Assert.NotNull(reply);
        Assert.True(reply.Length < 512, $"{reply.Length}-octet answer to a {query.Length}-octet ANY query");
        Assert.Equal((0, 1), (RawQuery.ResponseCode(reply), (int)RawQuery.Count(reply, 1)));
        Assert.Equal(0, RawQuery.Flags(reply) & 0x0200);
    }

    [Fact]
    public async Task DigSeesTheRfc8482HinfoWithTheSmallestTtlAtTheName()
    {
        var result = await new Dig(_server.Endpoints[0]).QueryAsync("pool64.example.test", "ANY", "+notcp");

        Assert.Equal(("NOERROR", false), (result.Status, result.RetriedOverTcp));
        Assert.Contains("aa", result.Flags);
        Assert.Equal(new DigRecord("pool64.example.test.", 30, "HINFO", "\"RFC8482\" \"\""), Assert.Single(result.Answer));
    }

    [Fact]
    public async Task AnyOverTcpIsAnsweredWithEveryRRset()
    {
        var result = await new Dig(_server.Endpoints[0]).QueryAsync("pool64.example.test", "ANY", "+tcp");

        Assert.Equal(PoolSize, result.Answer.Count(r => r.Type == "A"));
    }

    [Fact]
    public async Task AnyAtACnameOverUdpIsTheCnameItself()
    {
        var result = await new Dig(_server.Endpoints[0]).QueryAsync("alias.example.test", "ANY", "+notcp");

        Assert.Equal(new DigRecord("alias.example.test.", 60, "CNAME", "chain.example.test."), Assert.Single(result.Answer));
    }

    [Theory]
    [InlineData("nothing.example.test", "NXDOMAIN")]
    [InlineData("deep.ent.example.test", "NOERROR")]
    public async Task AnyAtANameWithoutDataOverUdpIsStillANegativeAnswer(string name, string status)
    {
        var result = await new Dig(_server.Endpoints[0]).QueryAsync(name, "ANY", "+notcp");

        Assert.Equal(status, result.Status);
        Assert.Empty(result.Answer);
        Assert.Equal("SOA", Assert.Single(result.Authority).Type);
    }

    public Task InitializeAsync() => _server.StartAsync();

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();
}
