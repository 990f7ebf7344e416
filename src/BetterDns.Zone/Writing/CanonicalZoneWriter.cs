using System.Globalization;
using BetterDns.Zone.Model;

namespace BetterDns.Zone.Writing;

/// <summary>
/// One record a line with absolute names, TTL, class, type and RDATA, as
/// <c>named-compilezone -o -</c> prints a zone, so the two can be compared line by line.
/// </summary>
public static class CanonicalZoneWriter
{
    /// <summary>
    /// Writes every record in the writer's order, with the TTLs and owner spelling BIND's loader ends
    /// up with (RFC 2181 §5.2: one TTL per RRset): consecutive records with the same owner text form a
    /// batch in which an RRset takes its first record's TTL; a later batch of the same RRset replaces
    /// the TTL. An owner is spelled as at its first appearance.
    /// </summary>
    public static void Write(DnsZone zone, TextWriter output)
    {
        var spelling = new Dictionary<DomainName, DomainName>();
        var rrsetTtl = new Dictionary<(DomainName, RecordType), uint>();
        var batch = new Dictionary<RecordType, uint>();
        string? batchOwner = null;
        foreach (var r in zone.Records)
        {
            spelling.TryAdd(r.Owner, r.Owner);
            if (!string.Equals(r.Owner.Value, batchOwner, StringComparison.Ordinal))
            {
                batch.Clear();
                batchOwner = r.Owner.Value;
            }

            if (!batch.TryGetValue(r.Type, out var ttl))
            {
                ttl = r.Ttl;
                batch[r.Type] = ttl;
            }

            rrsetTtl[(r.Owner, r.Type)] = ttl;
        }

        foreach (var r in RecordOrder.Sort(zone))
        {
            output.Write(Format(r with { Owner = spelling[r.Owner], Ttl = rrsetTtl[(r.Owner, r.Type)] }));
            output.Write('\n');
        }
    }

    /// <summary>"owner. TTL IN TYPE rdata" with every name absolute.</summary>
    public static string Format(ResourceRecord record) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{record.Owner.Value} {record.Ttl} {DnsClasses.ToMnemonic(record.Class)} {RecordTypes.ToMnemonic(record.Type)} {record.Data.ToPresentation()}");
}
