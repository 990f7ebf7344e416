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
    /// Writes every record in the writer's order. Every record of an RRset gets the TTL of the
    /// RRset's first record in the zone, as BIND does (RFC 2181 §5.2).
    /// </summary>
    public static void Write(DnsZone zone, TextWriter output)
    {
        var firstTtl = new Dictionary<(DomainName, RecordType), uint>();
        foreach (var r in zone.Records)
        {
            firstTtl.TryAdd((r.Owner, r.Type), r.Ttl);
        }

        foreach (var r in RecordOrder.Sort(zone))
        {
            var ttl = firstTtl[(r.Owner, r.Type)];
            output.Write(Format(ttl == r.Ttl ? r : r with { Ttl = ttl }));
            output.Write('\n');
        }
    }

    /// <summary>"owner. TTL IN TYPE rdata" with every name absolute.</summary>
    public static string Format(ResourceRecord record) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{record.Owner.Value} {record.Ttl} {DnsClasses.ToMnemonic(record.Class)} {RecordTypes.ToMnemonic(record.Type)} {record.Data.ToPresentation()}");
}
