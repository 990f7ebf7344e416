using BetterDns.Dns.Embedded;
using Microsoft.Extensions.Options;

namespace BetterDns.Dns.Bridges.Embedded;

/// <summary>Registers the embedded DNS server as the controller's "embedded" bridge, answering from the registry.</summary>
public static class EmbeddedBridgeExtensions
{
    public static IHostApplicationBuilder AddEmbeddedDnsBridge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IZoneSource, RegistryZoneSource>();
        builder.Services.AddEmbeddedDnsServer(builder.Configuration);
        builder.Services.AddKeyedSingleton<IDnsServerBridge>(DnsServerSelection.Key(DnsServerKind.Embedded), (sp, _) =>
        {
            var server = sp.GetRequiredService<EmbeddedDnsServer>();
            return new InProcessServerBridge(
                DnsServerSelection.Key(DnsServerKind.Embedded),
                server.StartAsync,
                server.StopAsync,
                () => server.Endpoints[0],
                sp.GetRequiredService<ControlledZone>().Origin,
                sp.GetRequiredService<IOptions<DnsControllerOptions>>().Value.Supervision.ProbeTimeout);
        });
        return builder;
    }
}
