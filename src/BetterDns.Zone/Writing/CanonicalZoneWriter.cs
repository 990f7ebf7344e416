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
    /// the TTL. An owner is spelled as at its RRset's first record (BIND keeps the owner's case per
    /// RRset). RRSIGs form one set per covered type (RFC 4034 §3: an RRSIG at an owner carries the TTL
    /// of the RRset it signs, so RRSIG NS and RRSIG SOA at the apex keep their own TTLs).
    /// Duplicates (RFC 4343: names compared without case) are printed once, as BIND keeps one.
    /// Records outside the origin are left out, as BIND leaves them out.
    /// </summary>
    public static void Write(DnsZone zone, TextWriter output)
    {
        var spelling = new Dictionary<(DomainName, RRsetType), DomainName>();
        var rrsetTtl = new Dictionary<(DomainName, RRsetType), uint>();
        var batch = new Dictionary<RRsetType, uint>();
        string? batchOwner = null;
        foreach (var r in zone.Records)
        {
            var set = RRsetType.Of(r.Data);
            spelling.TryAdd((r.Owner, set), r.Owner);
            if (!string.Equals(r.Owner.Value, batchOwner, StringComparison.Ordinal))
            {
                batch.Clear();
                batchOwner = r.Owner.Value;
            }

            if (!batch.TryGetValue(set, out var ttl))
            {
                ttl = r.Ttl;
                batch[set] = ttl;
            }

            rrsetTtl[(r.Owner, set)] = ttl;
        }

        // Records that are one record to BIND (RFC 4343) are printed once, spelled as the last of them:
        // BIND's loader replaces a record with a later copy of itself.
        var lastOfItsKind = new Dictionary<string, ResourceRecord>(zone.Records.Length, StringComparer.Ordinal);
        foreach (var r in zone.Records)
        {
            lastOfItsKind[RecordIdentity.Of(r)] = r;
        }

        var printed = new HashSet<ResourceRecord>(lastOfItsKind.Values, ReferenceEqualityComparer.Instance);
        foreach (var r in RecordOrder.Sort(zone))
        {
            if (!r.Owner.IsSubdomainOf(zone.Origin) || !printed.Contains(r))
            {
                // BIND ignores out-of-zone data (with a warning), so it never prints it.
                continue;
            }

            var key = (r.Owner, RRsetType.Of(r.Data));
            output.Write(Format(r with { Owner = spelling[key], Ttl = rrsetTtl[key] }));
            output.Write('\n');
        }
    }

    /// <summary>"owner. TTL IN TYPE rdata" with every name absolute, RDATA as BIND prints it.</summary>
    public static string Format(ResourceRecord record) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{record.Owner.Value} {record.Ttl} {DnsClasses.ToMnemonic(record.Class)} {RecordTypes.ToMnemonic(record.Type)} {Presentation(record.Data)}");

    /// <summary>BIND splits hex into chunks of 56 digits and quotes every string of HINFO, X25, ISDN, GPOS, NINFO, AVC, RESINFO, WALLET and the DOA media type; the rest is the model's form.</summary>
    private static string Presentation(RData data) => data switch
    {
        UnknownData { Data.Length: > HexChunk / 2 } unknown =>
            $@"\# {unknown.Data.Length} {string.Join(' ', Convert.ToHexString(unknown.Data.AsSpan()).Chunk(HexChunk).Select(c => new string(c)))}",
        OpaqueData { Type: RecordType.HINFO or RecordType.X25 or RecordType.ISDN or RecordType.GPOS or RecordType.NINFO
            or RecordType.AVC or RecordType.RESINFO or RecordType.WALLET } hinfo =>
            string.Join(' ', hinfo.Fields.Select(f => f.StartsWith('"') ? f : QuoteWord(f))),
        OpaqueData { Type: RecordType.DOA, Fields.Length: >= 4 } doa =>
            string.Join(' ', doa.Fields.Select((f, i) => i != 3 || f.StartsWith('"') ? f : QuoteWord(f))),
        _ => data.ToPresentation(),
    };

    private const int HexChunk = 56;

    /// <summary>An unquoted presentation word (escapes and all) as a quoted string.</summary>
    private static string QuoteWord(string word) =>
        Parsing.TokenText.DecodeOctets(System.Text.Encoding.Latin1.GetBytes(word), out _) is { } octets
            ? CharacterString.Quote(octets)
            : word;
}
