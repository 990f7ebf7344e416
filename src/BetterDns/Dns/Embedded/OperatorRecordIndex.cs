using BetterDns.Zone.Model;

namespace BetterDns.Dns.Embedded;

/// <summary>The operator's records grouped by owner (only those the index serves: class IN, in the zone).</summary>
internal sealed class OperatorRecordIndex
{
    private readonly Dictionary<DomainName, List<ResourceRecord>> _byOwner = [];

    private OperatorRecordIndex()
    {
    }

    /// <summary>The apex SOA: the first SOA at the origin, as <see cref="DnsZone.SoaRecord"/> finds it.</summary>
    public ResourceRecord? Soa { get; private set; }

    public IReadOnlyList<ResourceRecord> At(DomainName owner) => _byOwner.TryGetValue(owner, out var records) ? records : [];

    public static OperatorRecordIndex Of(IEnumerable<ResourceRecord>? records, DomainName origin)
    {
        var index = new OperatorRecordIndex();
        foreach (var record in records ?? [])
        {
            if (index.Soa is null && record.Type == RecordType.SOA && record.Owner == origin)
            {
                index.Soa = record;
            }

            if (record.Class != DnsClass.IN || !record.Owner.IsSubdomainOf(origin))
            {
                continue;
            }

            if (!index._byOwner.TryGetValue(record.Owner, out var list))
            {
                index._byOwner[record.Owner] = list = [];
            }

            list.Add(record);
        }

        return index;
    }
}
