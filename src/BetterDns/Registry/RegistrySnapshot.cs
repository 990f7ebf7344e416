using System.Collections.Immutable;
using BetterDns.Zone.Model;

namespace BetterDns.Registry;

/// <summary>
/// An immutable view of everything the registry knows at one version: the zone as written to disk
/// and the registrations by name. Readers take the current snapshot and never block the writer.
/// <see cref="ByName"/> is ordered by <see cref="NameTextComparer"/> (name text, ignoring case).
/// </summary>
public sealed record RegistrySnapshot(
    long Version,
    DnsZone Zone,
    ImmutableSortedDictionary<DomainName, ImmutableArray<Registration>> ByName)
{
    private readonly DnsZone? _zone = Zone;
    private readonly Lazy<DnsZone>? _lazyZone;

    /// <summary>
    /// A snapshot whose zone is built on first use: publishing one costs O(1) however large the zone,
    /// and a batch nobody reads the zone of costs nothing more.
    /// </summary>
    public RegistrySnapshot(long version, Func<DnsZone> zone, ImmutableSortedDictionary<DomainName, ImmutableArray<Registration>> byName)
        : this(version, (DnsZone)null!, byName)
    {
        _lazyZone = new Lazy<DnsZone>(zone, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The full zone: the operator's records (SOA, NS, …) and one address record per registration.</summary>
    public DnsZone Zone
    {
        get => _zone ?? _lazyZone!.Value;
        init => _zone = value;
    }

    /// <summary>
    /// The keys of the PENDING registrations, kept by the writer (null for a snapshot built without it:
    /// <see cref="PendingServed"/> then scans <see cref="ByName"/>).
    /// </summary>
    internal ImmutableHashSet<RegistrationKey>? PendingKeys { get; init; }

    /// <summary>
    /// What changed in the zone since the previous snapshot (null for a snapshot built without the writer):
    /// lets the DNS index follow the registry in O(changes) instead of rebuilding from <see cref="Zone"/>.
    /// </summary>
    internal ZoneChanges? Changes { get; init; }

    /// <summary>The operator's records in file order, SOA included (null for a snapshot built without the writer).</summary>
    internal ResourceRecord[]? OperatorRecords { get; init; }

    /// <summary>True once <see cref="Zone"/> has been built (always for a snapshot made with a zone).</summary>
    internal bool IsZoneBuilt => _zone is not null || _lazyZone!.IsValueCreated;

    /// <summary>
    /// The PENDING registrations DNS answers with: O(pending · log n) from the writer's pending keys,
    /// so a sync round does not scan every registration.
    /// </summary>
    public List<Registration> PendingServed()
    {
        if (PendingKeys is not { } keys)
        {
            return [.. Served.Where(r => r.Sync == SyncStatus.Pending)];
        }

        var result = new List<Registration>(keys.Count);
        foreach (var key in keys)
        {
            var pool = Find(key.Fqdn);
            foreach (var served in Writer.RegistryState.Served(pool))
            {
                if (served.Sync == SyncStatus.Pending && served.Address.Equals(key.Address))
                {
                    result.Add(served);
                }
            }
        }

        return result;
    }

    public ImmutableArray<Registration> Find(DomainName fqdn) =>
        ByName.TryGetValue(fqdn, out var found) ? found : [];

    public IEnumerable<Registration> All => ByName.Values.SelectMany(r => r);

    /// <summary>
    /// The registrations DNS answers with (what <see cref="Zone"/> holds for them): per name the passing
    /// members outside maintenance with the best priority.
    /// </summary>
    public IEnumerable<Registration> Served => ByName.Values.SelectMany(Writer.RegistryState.Served);

    /// <summary>True when DNS answers with this name and address in this snapshot.</summary>
    public bool IsServed(DomainName fqdn, System.Net.IPAddress address) =>
        Writer.RegistryState.Served(Find(fqdn)).Any(r => r.Address.Equals(address));
}
