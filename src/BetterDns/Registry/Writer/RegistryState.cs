using System.Collections.Immutable;
using System.Net.Sockets;
using BetterDns.Zone.Model;

namespace BetterDns.Registry.Writer;

/// <summary>
/// The writer's working state: the operator's records (everything in the zone file the API does not
/// manage, SOA included) and the registrations, kept so that a batch costs O(changes · log n) to apply
/// and publishing a snapshot O(1). Only the writer touches it; readers get <see cref="Publish"/>ed snapshots.
/// </summary>
internal sealed class RegistryState
{
    private readonly DomainName _origin;
    private readonly uint? _defaultTtl;
    private ResourceRecord[] _operatorRecords;
    private int _soaIndex;
    private HashSet<DomainName> _operatorNames;
    private HashSet<RegistrationKey> _operatorAddresses;
    private OperatorConstraints _constraints;
    private int _registrationCount;
    private readonly Dictionary<string, int> _ownerCounts = new(StringComparer.Ordinal);
    private ImmutableSortedDictionary<DomainName, ImmutableArray<Registration>> _byName =
        ImmutableSortedDictionary.Create<DomainName, ImmutableArray<Registration>>(NameTextComparer.Instance);

    // The keys of the PENDING registrations, kept in step with _byName, so the sync verifier's round
    // costs O(pending) instead of a scan of every registration.
    private ImmutableHashSet<RegistrationKey> _pending = [];

    // What the next publish changes in the zone, and the last published snapshot's node to link it from.
    private HashSet<DomainName> _changedNames = [];
    private bool _soaChanged;
    private bool _operatorRecordsChanged = true;
    private ZoneChanges? _lastChanges;

    public RegistryState(DomainName origin, uint? defaultTtl, IEnumerable<ResourceRecord> operatorRecords, IEnumerable<Registration> registrations)
    {
        _origin = origin;
        _defaultTtl = defaultTtl;
        (_operatorRecords, _soaIndex, _operatorNames, _operatorAddresses, _constraints) = IndexOperatorRecords(origin, operatorRecords);

        var builder = _byName.ToBuilder();
        var pending = _pending.ToBuilder();
        foreach (var group in registrations.GroupBy(r => r.Fqdn))
        {
            var pool = group.ToImmutableArray();
            builder[group.Key] = pool;
            Track(ImmutableArray<Registration>.Empty, pool, pending);
        }

        _byName = builder.ToImmutable();
        _pending = pending.ToImmutable();
    }

    public DomainName Origin => _origin;

    /// <summary>Incremented by every publish.</summary>
    public long Version { get; private set; }

    public SoaData Soa => (SoaData)_operatorRecords[_soaIndex].Data;

    public int RegistrationCount => _registrationCount;

    public ImmutableArray<Registration> Find(DomainName fqdn) =>
        _byName.TryGetValue(fqdn, out var pool) ? pool : ImmutableArray<Registration>.Empty;

    /// <summary>True when the zone file has records of its own at this name (the API may not take it over).</summary>
    public bool HasOperatorRecords(DomainName fqdn) => _operatorNames.Contains(fqdn);

    /// <summary>True when the zone file itself holds exactly this address at this name.</summary>
    public bool IsOperatorAddress(RegistrationKey key) => _operatorAddresses.Contains(key);

    /// <summary>Why an address record at this name would break the zone (the operator's record in the way); null when it fits.</summary>
    public string? ZoneConflictAt(DomainName fqdn) => _constraints.ConflictAt(fqdn);

    /// <summary>Every registered name the operator's records conflict with (none, unless the zone file was edited while the service was down).</summary>
    public List<string> ZoneConflicts() => _constraints.ConflictsWith(_byName.Keys, _byName.ContainsKey);

    public int CountOwnedBy(string owner) => _ownerCounts.GetValueOrDefault(owner);

    /// <summary>The keys of every registration whose <see cref="Registration.Sync"/> is PENDING.</summary>
    public ImmutableHashSet<RegistrationKey> Pending => _pending;

    /// <summary>Sets the pools of the given names (an empty pool removes the name).</summary>
    public void Apply(IEnumerable<KeyValuePair<DomainName, ImmutableArray<Registration>>> pools)
    {
        var builder = _byName.ToBuilder();
        var pending = _pending.ToBuilder();
        foreach (var (fqdn, after) in pools)
        {
            var before = Find(fqdn);
            Track(before, after, pending);
            _changedNames.Add(fqdn);
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
        _pending = pending.ToImmutable();
    }

    /// <summary>Sets <see cref="SyncStatus.InSync"/> on the given keys; true when any registration changed.</summary>
    public bool MarkInSync(IEnumerable<RegistrationKey> answered)
    {
        var builder = _byName.ToBuilder();
        var pending = _pending.ToBuilder();
        var changed = false;
        foreach (var group in answered.GroupBy(k => k.Fqdn))
        {
            if (!builder.TryGetValue(group.Key, out var pool))
            {
                continue;
            }

            var updated = pool.Select(r => r.Sync == SyncStatus.Pending && group.Any(k => k.Address.Equals(r.Address))
                ? r with { Sync = SyncStatus.InSync }
                : r).ToImmutableArray();
            if (!updated.SequenceEqual(pool))
            {
                builder[group.Key] = updated;
                TrackPending(pool, updated, pending);
                changed = true;
            }
        }

        _byName = builder.ToImmutable();
        _pending = pending.ToImmutable();
        return changed;
    }

    /// <summary>A snapshot that shares <paramref name="previous"/>'s zone: for changes no record sees.</summary>
    public RegistrySnapshot PublishKeepingZone(RegistrySnapshot previous) =>
        previous with { Version = ++Version, ByName = _byName, PendingKeys = _pending };

    /// <summary>
    /// Replaces the operator's records with an edited set (the zone-file watcher's merge), unless the set
    /// conflicts with registrations: then nothing changes and the conflicts are returned, one a line.
    /// </summary>
    /// <exception cref="InvalidDataException">The set has no SOA at the apex.</exception>
    public List<string> TryReplaceOperatorRecords(IEnumerable<ResourceRecord> operatorRecords)
    {
        var index = IndexOperatorRecords(_origin, operatorRecords);
        var conflicts = index.Item5.ConflictsWith(_byName.Keys, _byName.ContainsKey);
        if (conflicts.Count == 0)
        {
            (_operatorRecords, _soaIndex, _operatorNames, _operatorAddresses, _constraints) = index;
            _operatorRecordsChanged = true;
        }

        return conflicts;
    }

    private static (ResourceRecord[], int, HashSet<DomainName>, HashSet<RegistrationKey>, OperatorConstraints) IndexOperatorRecords(
        DomainName origin, IEnumerable<ResourceRecord> operatorRecords)
    {
        ResourceRecord[] records = [.. operatorRecords];
        var soaIndex = Array.FindIndex(records, r => r.Type == RecordType.SOA && r.Owner == origin);
        if (soaIndex < 0)
        {
            throw new InvalidDataException($"the zone {origin} has no SOA record at its apex");
        }

        return (records, soaIndex, [.. records.Select(r => r.Owner)], [.. records.Select(RegistrationKey.Of).OfType<RegistrationKey>()],
            OperatorConstraints.Of(origin, records));
    }

    public void SetSerial(uint serial)
    {
        // Copy on write: published snapshots hold the old array.
        var records = (ResourceRecord[])_operatorRecords.Clone();
        var soa = records[_soaIndex];
        records[_soaIndex] = soa with { Data = ((SoaData)soa.Data) with { Serial = serial } };
        _operatorRecords = records;
        _soaChanged = true;
    }

    /// <summary>A new immutable snapshot: O(1) now, its zone is built when someone first reads it.</summary>
    public RegistrySnapshot Publish()
    {
        var (origin, ttl, operatorRecords, byName, count) = (_origin, _defaultTtl, _operatorRecords, _byName, _registrationCount);
        return new RegistrySnapshot(++Version, () => BuildZone(origin, ttl, operatorRecords, byName, count), byName)
        {
            PendingKeys = _pending,
            Changes = TakeChanges(),
            OperatorRecords = operatorRecords,
        };
    }

    // The zone changes since the last publish, linked after the last published node.
    private ZoneChanges TakeChanges()
    {
        var changes = new ZoneChanges(_changedNames, _soaChanged, _operatorRecordsChanged);
        _lastChanges?.Link(changes);
        _lastChanges = changes;
        _changedNames = [];
        _soaChanged = _operatorRecordsChanged = false;
        return changes;
    }

    /// <summary>
    /// The zone as it is now with <paramref name="serial"/> in its SOA, built on the caller's thread from
    /// parts the writer never mutates (the checkpointer's one copy of the zone; no snapshot keeps it).
    /// Call on the writer; the returned function may run anywhere.
    /// </summary>
    public Func<uint, DnsZone> CaptureZone()
    {
        var (origin, ttl, operatorRecords, soaIndex, byName, count) = (_origin, _defaultTtl, _operatorRecords, _soaIndex, _byName, _registrationCount);
        return serial =>
        {
            var soa = operatorRecords[soaIndex];
            return BuildZone(origin, ttl, operatorRecords, byName, count, (soaIndex, soa with { Data = ((SoaData)soa.Data) with { Serial = serial } }));
        };
    }

    /// <summary>
    /// The operator's records in file order (one of them replaced when <paramref name="replace"/> is given),
    /// then one address record per served registration in name order
    /// (<see cref="Served"/>: critical and maintenance ones stay registered but out of DNS).
    /// </summary>
    private static DnsZone BuildZone(
        DomainName origin, uint? ttl, ResourceRecord[] operatorRecords,
        ImmutableSortedDictionary<DomainName, ImmutableArray<Registration>> byName, int count,
        (int Index, ResourceRecord Record)? replace = null)
    {
        var records = new List<ResourceRecord>(operatorRecords.Length + count);
        records.AddRange(operatorRecords);
        if (replace is { } r)
        {
            records[r.Index] = r.Record;
        }

        foreach (var pool in byName.Values)
        {
            foreach (var registration in Served(pool))
            {
                records.Add(RecordOf(registration));
            }
        }

        return new DnsZone(origin, ttl, records);
    }

    /// <summary>
    /// The members of a pool DNS answers with: those passing and not in maintenance, and of those only
    /// the ones with the best (lowest) priority, so a backup is served only while every primary is down.
    /// </summary>
    public static IEnumerable<Registration> Served(ImmutableArray<Registration> pool)
    {
        var best = int.MaxValue;
        var all = true;
        foreach (var r in pool)
        {
            if (r.Health.Served)
            {
                best = Math.Min(best, r.Priority);
            }
            else
            {
                all = false;
            }
        }

        if (all && pool.All(r => r.Priority == best))
        {
            return pool;
        }

        return pool.Where(r => r.Health.Served && r.Priority == best);
    }

    public static ResourceRecord RecordOf(Registration r) =>
        new(r.Fqdn, r.Ttl, DnsClass.IN, r.Address.AddressFamily == AddressFamily.InterNetworkV6 ? new AaaaData(r.Address) : new AData(r.Address));

    // Keeps the registration count, the per-owner counts and the pending keys in step with one name's pool change.
    private void Track(ImmutableArray<Registration> before, ImmutableArray<Registration> after, ImmutableHashSet<RegistrationKey>.Builder pending)
    {
        TrackPending(before, after, pending);
        _registrationCount += after.Length - before.Length;
        foreach (var old in before)
        {
            var count = _ownerCounts[old.Owner] - 1;
            if (count == 0)
            {
                _ownerCounts.Remove(old.Owner);
            }
            else
            {
                _ownerCounts[old.Owner] = count;
            }
        }

        foreach (var now in after)
        {
            _ownerCounts[now.Owner] = _ownerCounts.GetValueOrDefault(now.Owner) + 1;
        }
    }

    private static void TrackPending(ImmutableArray<Registration> before, ImmutableArray<Registration> after, ImmutableHashSet<RegistrationKey>.Builder pending)
    {
        foreach (var old in before)
        {
            if (old.Sync == SyncStatus.Pending)
            {
                pending.Remove(RegistrationKey.Of(old));
            }
        }

        foreach (var now in after)
        {
            if (now.Sync == SyncStatus.Pending)
            {
                pending.Add(RegistrationKey.Of(now));
            }
        }
    }
}
