using BetterDns.Registry;
using BetterDns.Zone.Model;

namespace BetterDns.Dns;

/// <summary>The registry's latest snapshot is what the embedded server answers from: no file, no reload.</summary>
public sealed class RegistryZoneSource(IRegistry registry) : IZoneSource
{
    public DnsZone Current => registry.Current.Zone;

    /// <summary>The registry's latest snapshot, for the embedded index to follow change by change.</summary>
    internal RegistrySnapshot Snapshot => registry.Current;

    internal IRegistry Registry => registry;
}
