using System.Diagnostics;
using BetterDns.Dns.Wire;
using BetterDns.Zone.Model;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// One zone, arranged for answering: every name (owners and the empty non-terminals between them and
/// the apex) keyed by its lower-cased wire form, each with its RRsets ready to write. Built once per
/// <see cref="DnsZone"/> instance; zones are immutable, so the index never changes after it is built.
/// </summary>
internal sealed class ZoneIndex
{
    private readonly Dictionary<byte[], ZoneNode> _nodes;
    private readonly Dictionary<byte[], ZoneNode>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    // Names changed since the base was built (null: removed), checked before the base: the recent layer
    // (small, copied on every step) before the older one (shared until the recent layer is folded into it).
    private readonly Dictionary<byte[], ZoneNode?>? _recent;
    private readonly Dictionary<byte[], ZoneNode?>.AlternateLookup<ReadOnlySpan<byte>> _recentLookup;
    private readonly Dictionary<byte[], ZoneNode?>? _older;
    private readonly Dictionary<byte[], ZoneNode?>.AlternateLookup<ReadOnlySpan<byte>> _olderLookup;

    private ZoneIndex(DnsZone zone, Dictionary<byte[], ZoneNode>? nodes = null)
    {
        Zone = zone;
        OriginKey = WireName.KeyFrom(zone.Origin);
        OriginLabels = zone.Origin.LabelCount;
        _nodes = nodes ?? new Dictionary<byte[], ZoneNode>(WireNameComparer.Instance);
        _lookup = _nodes.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>A view of <paramref name="baseIndex"/> with the overlay's layers laid over it (O(1): all are shared, not copied).</summary>
    private ZoneIndex(ZoneIndex baseIndex, Dictionary<byte[], ZoneNode?> older, Dictionary<byte[], ZoneNode?> recent, WireRecord? negativeSoa)
    {
        Zone = baseIndex.Zone;
        OriginKey = baseIndex.OriginKey;
        OriginLabels = baseIndex.OriginLabels;
        _nodes = baseIndex._nodes;
        _lookup = baseIndex._lookup;
        _older = older;
        _olderLookup = older.GetAlternateLookup<ReadOnlySpan<byte>>();
        _recent = recent;
        _recentLookup = recent.GetAlternateLookup<ReadOnlySpan<byte>>();
        NegativeSoa = negativeSoa;
        BuildTime = baseIndex.BuildTime;
    }

    /// <summary>The zone the base was built from (for an overlaid view, not the zone it answers).</summary>
    public DnsZone Zone { get; }

    public byte[] OriginKey { get; }

    public int OriginLabels { get; }

    public int NameCount => _nodes.Count;

    /// <summary>The keys of the base's names (not the overlay's), for tests that compare indexes name by name.</summary>
    internal IEnumerable<byte[]> BaseKeys => _nodes.Keys;

    /// <summary>The apex SOA with TTL min(SOA TTL, SOA MINIMUM), for negative answers (RFC 2308 §3, §5).</summary>
    public WireRecord? NegativeSoa { get; private set; }

    public TimeSpan BuildTime { get; private set; }

    public ZoneNode? Find(ReadOnlySpan<byte> key)
    {
        if (_recent is not null && (_recentLookup.TryGetValue(key, out var changed) || _olderLookup.TryGetValue(key, out changed)))
        {
            return changed;
        }

        return _lookup.TryGetValue(key, out var node) ? node : null;
    }

    /// <summary>The name in the base alone, ignoring any overlay.</summary>
    public ZoneNode? FindInBase(ReadOnlySpan<byte> key) => _lookup.TryGetValue(key, out var node) ? node : null;

    public ZoneIndex WithOverlay(Dictionary<byte[], ZoneNode?> older, Dictionary<byte[], ZoneNode?> recent, WireRecord? negativeSoa) =>
        new(this, older, recent, negativeSoa);

    /// <summary>
    /// A new base: this base's names with the overlay's layers written into it (a null removes the name), for
    /// when the overlay has grown large. O(names) but only a copy of the table: no zone is built, no record
    /// re-encoded, and every node is shared (nodes are never changed once an index is published). Every
    /// folded name's ancestors are marked as having children, as a full build marks them; a name whose last
    /// child went away may still say it has children, which <see cref="RegistryIndexFollower"/> already
    /// treats as a doubt that only a full build settles.
    /// </summary>
    public ZoneIndex FoldedWith(Dictionary<byte[], ZoneNode?> older, Dictionary<byte[], ZoneNode?> recent, WireRecord? negativeSoa)
    {
        var started = Stopwatch.GetTimestamp();
        var folded = new ZoneIndex(Zone, new Dictionary<byte[], ZoneNode>(_nodes, WireNameComparer.Instance)) { NegativeSoa = negativeSoa };
        foreach (var layer in (ReadOnlySpan<Dictionary<byte[], ZoneNode?>>)[older, recent])
        {
            foreach (var (key, node) in layer)
            {
                if (node is null)
                {
                    folded._nodes.Remove(key);
                }
                else
                {
                    folded._nodes[key] = node;
                }
            }
        }

        foreach (var layer in (ReadOnlySpan<Dictionary<byte[], ZoneNode?>>)[older, recent])
        {
            foreach (var (key, node) in layer)
            {
                if (node is not null && folded._nodes.ContainsKey(key))
                {
                    folded.MarkAncestorsHaveChildren(key);
                }
            }
        }

        folded.BuildTime = Stopwatch.GetElapsedTime(started);
        return folded;
    }

    // Up from a name to the apex, until an ancestor already says so; a node is copied, not changed (older indexes share it).
    private void MarkAncestorsHaveChildren(byte[] key)
    {
        var at = 0;
        while (key.Length - at > OriginKey.Length)
        {
            at += 1 + key[at];
            var parentKey = key.AsSpan(at);
            if (!_lookup.TryGetValue(parentKey, out var parent))
            {
                return;
            }

            if (parent.HasChildren)
            {
                return;
            }

            _lookup[parentKey] = new ZoneNode(parent.Name) { Sets = parent.Sets, IsDelegation = parent.IsDelegation, HasChildren = true };
        }
    }

    /// <summary>The apex SOA with TTL min(SOA TTL, SOA MINIMUM), as negative answers carry it.</summary>
    public static WireRecord? NegativeSoaOf(ResourceRecord? soaRecord) =>
        soaRecord is { Data: SoaData soa } ? new WireRecord(soaRecord, Math.Min(soaRecord.Ttl, soa.Minimum)) : null;

    /// <summary>
    /// The node of one owner from its records in zone-file order: one RRset per type (in order of first
    /// appearance), a zone cut when NS records sit below the apex.
    /// </summary>
    public static ZoneNode NodeOf(DomainName owner, DomainName origin, IReadOnlyList<ResourceRecord> records)
    {
        var node = new ZoneNode(owner);
        Fill(node, origin, records);
        return node;
    }

    // Without LINQ: a full build does this for every owner, and most owners have one record or one type.
    private static void Fill(ZoneNode node, DomainName origin, IReadOnlyList<ResourceRecord> records)
    {
        var types = new List<RecordType>(1);
        var delegation = false;
        foreach (var record in records)
        {
            if (!types.Contains(record.Type))
            {
                types.Add(record.Type);
            }

            delegation |= record.Type == RecordType.NS;
        }

        var sets = new RRset[types.Count];
        for (var i = 0; i < sets.Length; i++)
        {
            var wire = new List<WireRecord>(records.Count);
            var encodable = true;
            foreach (var record in records)
            {
                if (record.Type != types[i])
                {
                    continue;
                }

                if (WireRecord.CanEncode(record.Data))
                {
                    wire.Add(new WireRecord(record));
                }
                else
                {
                    encodable = false;
                }
            }

            sets[i] = new RRset(types[i], [.. wire], encodable);
        }

        node.Sets = sets;
        node.IsDelegation = delegation && node.Name != origin;
    }

    public static ZoneIndex Build(DnsZone zone)
    {
        var started = Stopwatch.GetTimestamp();
        var index = new ZoneIndex(zone);
        var origin = zone.Origin;
        index.Node(origin);

        // Group by owner, then by type in file order. Records outside the zone or of another class are not served.
        var byOwner = new Dictionary<DomainName, List<ResourceRecord>>();
        foreach (var record in zone.Records)
        {
            if (record.Class != DnsClass.IN || !record.Owner.IsSubdomainOf(origin))
            {
                continue;
            }

            if (!byOwner.TryGetValue(record.Owner, out var list))
            {
                byOwner[record.Owner] = list = [];
            }

            list.Add(record);
        }

        foreach (var (owner, records) in byOwner)
        {
            Fill(index.Node(owner), origin, records);

            // Empty non-terminals: every name between this owner and the apex exists too.
            if (owner != origin)
            {
                index.Node(owner.Parent).HasChildren = true;
            }

            for (var parent = owner.Parent; parent != origin && parent.IsSubdomainOf(origin); parent = parent.Parent)
            {
                index.Node(parent.Parent).HasChildren = true;
            }
        }

        index.NegativeSoa = NegativeSoaOf(zone.SoaRecord);

        index.BuildTime = Stopwatch.GetElapsedTime(started);
        return index;
    }

    private ZoneNode Node(DomainName name)
    {
        var key = WireName.KeyFrom(name);
        if (!_nodes.TryGetValue(key, out var node))
        {
            _nodes[key] = node = new ZoneNode(name);
        }

        return node;
    }
}
