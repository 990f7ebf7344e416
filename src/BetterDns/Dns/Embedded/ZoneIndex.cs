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

    private ZoneIndex(DnsZone zone)
    {
        Zone = zone;
        OriginKey = WireName.KeyFrom(zone.Origin);
        OriginLabels = zone.Origin.LabelCount;
        _nodes = new Dictionary<byte[], ZoneNode>(WireNameComparer.Instance);
        _lookup = _nodes.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public DnsZone Zone { get; }

    public byte[] OriginKey { get; }

    public int OriginLabels { get; }

    public int NameCount => _nodes.Count;

    /// <summary>The apex SOA with TTL min(SOA TTL, SOA MINIMUM), for negative answers (RFC 2308 §3, §5).</summary>
    public WireRecord? NegativeSoa { get; private set; }

    public TimeSpan BuildTime { get; private set; }

    public ZoneNode? Find(ReadOnlySpan<byte> key) => _lookup.TryGetValue(key, out var node) ? node : null;

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
            var node = index.Node(owner);
            node.Sets = [.. records
                .GroupBy(r => r.Type)
                .Select(g => new RRset(
                    g.Key,
                    [.. g.Where(r => WireRecord.CanEncode(r.Data)).Select(r => new WireRecord(r))],
                    g.All(r => WireRecord.CanEncode(r.Data))))];
            node.IsDelegation = owner != origin && node.Find(RecordType.NS) is not null;

            // Empty non-terminals: every name between this owner and the apex exists too.
            for (var parent = owner.Parent; parent != origin && parent.IsSubdomainOf(origin); parent = parent.Parent)
            {
                index.Node(parent);
            }
        }

        if (zone.SoaRecord is { Data: SoaData soa } soaRecord)
        {
            index.NegativeSoa = new WireRecord(soaRecord, Math.Min(soaRecord.Ttl, soa.Minimum));
        }

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
