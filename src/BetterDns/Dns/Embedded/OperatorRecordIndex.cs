using BetterDns.Zone.Model;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// The operator's records grouped by owner (only those the index serves: class IN, in the zone). The
/// apex is kept apart from the other owners, so a checkpoint's new SOA serial makes a new index that
/// shares every other owner's records (O(apex records)) instead of regrouping the whole set.
/// </summary>
internal sealed class OperatorRecordIndex
{
    // Never changed after Of() builds it: indexes that differ only at the apex share it.
    private readonly Dictionary<DomainName, List<ResourceRecord>> _belowApex;
    private readonly DomainName _origin;
    private readonly IReadOnlyList<ResourceRecord> _apex;

    // Where the SOA sits in the record array the index was built from (-1: none).
    private readonly int _soaPosition;

    private OperatorRecordIndex(
        DomainName origin, Dictionary<DomainName, List<ResourceRecord>> belowApex, IReadOnlyList<ResourceRecord> apex, ResourceRecord? soa, int soaPosition)
    {
        _origin = origin;
        _belowApex = belowApex;
        _apex = apex;
        Soa = soa;
        _soaPosition = soaPosition;
    }

    /// <summary>The apex SOA: the first SOA at the origin, as <see cref="DnsZone.SoaRecord"/> finds it.</summary>
    public ResourceRecord? Soa { get; }

    public IReadOnlyList<ResourceRecord> At(DomainName owner) =>
        owner == _origin ? _apex : _belowApex.TryGetValue(owner, out var records) ? records : [];

    /// <summary>The owners whose records differ between this index and <paramref name="other"/>.</summary>
    public IEnumerable<DomainName> NamesDifferingFrom(OperatorRecordIndex other)
    {
        if (!_apex.SequenceEqual(other._apex))
        {
            yield return _origin;
        }

        if (ReferenceEquals(_belowApex, other._belowApex))
        {
            yield break;
        }

        foreach (var (owner, records) in _belowApex)
        {
            if (!other._belowApex.TryGetValue(owner, out var others) || !records.SequenceEqual(others))
            {
                yield return owner;
            }
        }

        foreach (var owner in other._belowApex.Keys)
        {
            if (!_belowApex.ContainsKey(owner))
            {
                yield return owner;
            }
        }
    }

    /// <summary>
    /// The index of <paramref name="records"/> when they differ from the ones this index was built from
    /// only in the SOA's data (the registry's checkpoint sets a new serial and changes nothing else);
    /// null when the SOA is not where it was, so the caller indexes the records again.
    /// </summary>
    public OperatorRecordIndex? WithSoaFrom(IReadOnlyList<ResourceRecord> records)
    {
        if (_soaPosition < 0 || _soaPosition >= records.Count || Soa is null)
        {
            return null;
        }

        var soa = records[_soaPosition];
        if (soa.Type != RecordType.SOA || soa.Owner != _origin)
        {
            return null;
        }

        var apex = _apex.Select(r => ReferenceEquals(r, Soa) ? soa : r).ToList();
        return new OperatorRecordIndex(_origin, _belowApex, apex, soa, _soaPosition);
    }

    public static OperatorRecordIndex Of(IReadOnlyList<ResourceRecord>? records, DomainName origin)
    {
        var belowApex = new Dictionary<DomainName, List<ResourceRecord>>();
        var apex = new List<ResourceRecord>();
        ResourceRecord? soa = null;
        var soaPosition = -1;
        records ??= [];
        for (var position = 0; position < records.Count; position++)
        {
            var record = records[position];
            if (soa is null && record.Type == RecordType.SOA && record.Owner == origin)
            {
                (soa, soaPosition) = (record, position);
            }

            if (record.Class != DnsClass.IN || !record.Owner.IsSubdomainOf(origin))
            {
                continue;
            }

            if (record.Owner == origin)
            {
                apex.Add(record);
            }
            else if (belowApex.TryGetValue(record.Owner, out var list))
            {
                list.Add(record);
            }
            else
            {
                belowApex[record.Owner] = [record];
            }
        }

        return new OperatorRecordIndex(origin, belowApex, apex, soa, soaPosition);
    }
}
