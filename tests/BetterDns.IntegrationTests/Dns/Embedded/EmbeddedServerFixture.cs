using System.Net;
using BetterDns.Dns.Embedded;
using DnsClient;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>A real embedded server on 127.0.0.1 with a free port, serving <see cref="TestZone"/>.</summary>
public sealed class EmbeddedServerFixture : IAsyncLifetime
{
    private readonly EmbeddedDnsServer _server;

    public EmbeddedServerFixture()
    {
        Zones = new MutableZoneSource(TestZone.Build());
        var options = new EmbeddedDnsOptions { Listen = ["127.0.0.1:0"], UdpReceivers = 2, TcpIdleTimeout = TimeSpan.FromSeconds(2) };
        _server = new EmbeddedDnsServer(new DnsResponder(Zones, options.MaxUdpPayload), options);
    }

    internal MutableZoneSource Zones { get; }

    public IPEndPoint Endpoint => _server.Endpoints[0];

    public EmbeddedDnsServer Server => _server;

    public Dig Dig => new(Endpoint);

    /// <summary>A DnsClient resolver pointed at the server; no cache, so every query reaches it.</summary>
    public LookupClient Client(bool tcpFallback = true, bool tcpOnly = false) =>
        new(new LookupClientOptions(new NameServer(Endpoint))
        {
            UseCache = false,
            Retries = 0,
            Timeout = TimeSpan.FromSeconds(3),
            UseTcpFallback = tcpFallback,
            UseTcpOnly = tcpOnly,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
        });

    public Task InitializeAsync() => _server.StartAsync();

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();
}
