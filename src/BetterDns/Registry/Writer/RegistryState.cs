using System.Collections.Immutable;
using System.Net.Sockets;
using BetterDns.Zone.Model;

namespace BetterDns.Registry.Writer;

/// <summary>
/// The writer's working state: the operator's records (everything in the zone file the API does not
/// manage, SOA included) and the registrations, kept so that a batch costs O(changes · log n) to apply
/// and a snapshot costs one array copy. Only the writer touches it; readers get <see cref="Publish"/>ed snapshots.
/// </summary>
internal sealed class RegistryState
{
    private readonly DomainName _origin;
    private readonly uint? _defaultTtl;
    private readonly ResourceRecord[] _operatorRecords;
    private readonly int _soaIndex;
    private readonly HashSet<DomainName> _operatorNames;
    private readonly HashSet<RegistrationKey> _operatorAddresses;
    private readonly List<ResourceRecord> _apiRecords = [];
    private readonly Dictionary<RegistrationKey, int> _apiIndex = [];
    private readonly Dictionary<string, int> _ownerCounts = new(StringComparer.Ordinal);
    private ImmutableSortedDictionary<DomainName, ImmutableArray<Registration>> _byName =
        ImmutableSortedDictionary<DomainName, ImmutableArray<Registration>>.Empty;

    public RegistryState(DomainName origin, uint? defaultTtl, IEnumerable<ResourceRecord> operatorRecords, IEnumerable<Registration> registrations)
    {
        _origin = origin;
        _defaultTtl = defaultTtl;
        _operatorRecords = [.. operatorRecords];
        _soaIndex = Array.FindIndex(_operatorRecords, r => r.Type == RecordType.SOA && r.Owner == origin);
        if (_soaIndex < 0)
        {
            throw new InvalidDataException($"the zone {origin} has no SOA record at its apex");
        }

        _operatorNames = [.. _operatorRecords.Select(r => r.Owner)];
        _operatorAddresses = [.. _operatorRecords.Select(RegistrationKey.Of).OfType<RegistrationKey>()];

        var builder = _byName.ToBuilder();
        foreach (var group in registrations.GroupBy(r => r.Fqdn))
        {
            var pool = group.ToImmutableArray();
            builder[group.Key] = pool;
            Track(ImmutableArray<Registration>.Empty, pool);
        }

        _byName = builder.ToImmutable();
    }

    public DomainName Origin => _origin;

    /// <summary>Incremented by every publish.</summary>
    public long Version { get; private set; }

    public SoaData Soa => (SoaData)_operatorRecords[_soaIndex].Data;

    public int RegistrationCount => _apiRecords.Count;

    public ImmutableArray<Registration> Find(DomainName fqdn) =>
        _byName.TryGetValue(fqdn, out var pool) ? pool : ImmutableArray<Registration>.Empty;

    /// <summary>True when the zone file has records of its own at this name (the API may not take it over).</summary>
    public bool HasOperatorRecords(DomainName fqdn) => _operatorNames.Contains(fqdn);

    /// <summary>True when the zone file itself holds exactly this address at this name.</summary>
    public bool IsOperatorAddress(RegistrationKey key) => _operatorAddresses.Contains(key);

    public int CountOwnedBy(string owner) => _ownerCounts.GetValueOrDefault(owner);

    /// <summary>Sets the pools of the given names (an empty pool removes the name).</summary>
    public void Apply(IEnumerable<KeyValuePair<DomainName, ImmutableArray<Registration>>> pools)
    {
        var builder = _byName.ToBuilder();
        foreach (var (fqdn, after) in pools)
        {
            var before = Find(fqdn);
            Track(before, after);
            if (after.IsEmpty)
            {
                builder.Remove(fqdn);
            }
            else
            {
                builder[fqdn] = after;
            }
        }

        _byName = builder.ToImmutable();
    }

    public void SetSerial(uint serial)
    {
        var soa = _operatorRecords[_soaIndex];
        _operatorRecords[_soaIndex] = soa with { Data = ((SoaData)soa.Data) with { Serial = serial } };
    }

    /// <summary>A new immutable snapshot of the whole state (one array copy of the records).</summary>
    public RegistrySnapshot Publish()
    {
        var records = new ResourceRecord[_operatorRecords.Length + _apiRecords.Count];
        _operatorRecords.CopyTo(records, 0);
        _apiRecords.CopyTo(records, _operatorRecords.Length);
        return new RegistrySnapshot(++Version, new DnsZone(_origin, _defaultTtl, records), _byName);
    }

    public static ResourceRecord RecordOf(Registration r) =>
        new(r.Fqdn, r.Ttl, DnsClass.IN, r.Address.AddressFamily == AddressFamily.InterNetworkV6 ? new AaaaData(r.Address) : new AData(r.Address));

    // Keeps the record list, its index and the per-owner counts in step with one name's pool change.
    private void Track(ImmutableArray<Registration> before, ImmutableArray<Registration> after)
    {
        foreach (var old in before)
        {
            _ownerCounts[old.Owner] = _ownerCounts[old.Owner] - 1;
            if (after.All(r => !r.Address.Equals(old.Address)))
            {
                RemoveRecord(RegistrationKey.Of(old));
            }
        }

        foreach (var now in after)
        {
            _ownerCounts[now.Owner] = _ownerCounts.GetValueOrDefault(now.Owner) + 1;
            var key = RegistrationKey.Of(now);
            var record = RecordOf(now);
            if (_apiIndex.TryGetValue(key, out var index))
            {
                _apiRecords[index] = record;
            }
            else
            {
                _apiIndex[key] = _apiRecords.Count;
                _apiRecords.Add(record);
            }
        }

        foreach (var old in before)
        {
            if (_ownerCounts.TryGetValue(old.Owner, out var count) && count == 0)
            {
                _ownerCounts.Remove(old.Owner);
            }
        }
    }

    private void RemoveRecord(RegistrationKey key)
    {
        if (!_apiIndex.Remove(key, out var index))
        {
            return;
        }

        // Swap the last record into the hole: O(1), and the zone writer sorts records anyway.
        var last = _apiRecords.Count - 1;
        if (index != last)
        {
            var moved = _apiRecords[last];
            _apiRecords[index] = moved;
            _apiIndex[RegistrationKey.Of(moved)!.Value] = index;
        }

        _apiRecords.RemoveAt(last);
    }
}
