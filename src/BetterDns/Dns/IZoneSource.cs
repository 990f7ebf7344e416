using BetterDns.Zone.Model;

namespace BetterDns.Dns;

/// <summary>
/// Where a DNS server finds the zone to answer from. The registry snapshot implements it
/// (<c>registry.Current.Zone</c>); tests hand in a zone they build. Read on every query, so it must not block.
/// </summary>
public interface IZoneSource
{
    DnsZone Current { get; }
}
