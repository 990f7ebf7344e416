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

    /// <summary>The owners whose records differ between this index and <paramref name="other"/>.</summary>
    public IEnumerable<DomainName> NamesDifferingFrom(OperatorRecordIndex other)
    {
        foreach (var (owner, records) in _byOwner)
        {
            if (!other._byOwner.TryGetValue(owner, out var others) || !records.SequenceEqual(others))
            {
                yield return owner;
            }
        }

        foreach (var owner in other._byOwner.Keys)
        {
            if (!_byOwner.ContainsKey(owner))
            {
                yield return owner;
            }
        }
    }

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
