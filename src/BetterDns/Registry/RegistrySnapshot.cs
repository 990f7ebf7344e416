using System.Collections.Immutable;
using BetterDns.Zone.Model;

namespace BetterDns.Registry;

/// <summary>
/// An immutable view of everything the registry knows at one version: the zone as written to disk
/// and the registrations by name. Readers take the current snapshot and never block the writer.
/// </summary>
public sealed record RegistrySnapshot(
    long Version,
    DnsZone Zone,
    ImmutableSortedDictionary<DomainName, ImmutableArray<Registration>> ByName)
{
    public ImmutableArray<Registration> Find(DomainName fqdn) =>
        ByName.TryGetValue(fqdn, out var found) ? found : [];

    public IEnumerable<Registration> All => ByName.Values.SelectMany(r => r);
}
