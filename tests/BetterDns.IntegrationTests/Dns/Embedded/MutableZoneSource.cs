using BetterDns.Dns;
using BetterDns.Zone.Model;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>A zone source a test can swap, as the registry publishes a new snapshot.</summary>
internal sealed class MutableZoneSource(DnsZone zone) : IZoneSource
{
    private volatile DnsZone _zone = zone;

    public DnsZone Current
    {
        get => _zone;
        set => _zone = value;
    }
}
