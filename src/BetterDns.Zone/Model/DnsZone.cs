using System.Collections.Immutable;

namespace BetterDns.Zone.Model;

/// <summary>
/// A zone: its origin, the default TTL from <c>$TTL</c> (if any), and its records in file order.
/// Immutable; changes produce a new zone. Equality compares origin, default TTL and the records in order.
/// </summary>
public sealed record DnsZone
{
    public DnsZone(DomainName origin, uint? defaultTtl, IEnumerable<ResourceRecord> records)
    {
        Origin = origin;
        DefaultTtl = defaultTtl;
        Records = [.. records];
    }

    /// <summary>Takes the records as they are (the parser's and the writer's path: no copy).</summary>
    internal DnsZone(DomainName origin, uint? defaultTtl, ImmutableArray<ResourceRecord> records)
    {
        Origin = origin;
        DefaultTtl = defaultTtl;
        Records = records;
    }

    public DomainName Origin { get; }

    public uint? DefaultTtl { get; }

    public ImmutableArray<ResourceRecord> Records { get; }

    /// <summary>The SOA record at the apex, if the zone has one.</summary>
    public ResourceRecord? SoaRecord =>
        Records.FirstOrDefault(r => r.Type == RecordType.SOA && r.Owner == Origin);

    public SoaData? Soa => SoaRecord?.Data as SoaData;

    public DnsZone WithRecords(IEnumerable<ResourceRecord> records) => new(Origin, DefaultTtl, records);

    public bool Equals(DnsZone? other) =>
        other is not null && Origin == other.Origin && DefaultTtl == other.DefaultTtl
        && Records.SequenceEqual(other.Records);

    public override int GetHashCode() => HashCode.Combine(Origin, DefaultTtl, Records.Length);
}
