using BetterDns.Zone.Model;

namespace BetterDns.Zone.Writing;

/// <summary>
/// The order the writer puts records in: the apex SOA, the apex NS records, then everything else by
/// canonical name order (RFC 4034 §6.1), then type code, then original position.
/// </summary>
internal static class RecordOrder
{
    public static ResourceRecord[] Sort(DnsZone zone)
    {
        var records = zone.Records;
        var keys = new (int Rank, int Index)[records.Length];
        var soaSeen = false;
        for (var i = 0; i < records.Length; i++)
        {
            var r = records[i];
            var rank = 2;
            if (r.Type == RecordType.SOA && !soaSeen && r.Owner == zone.Origin)
            {
                rank = 0;
                soaSeen = true;
            }
            else if (r.Type == RecordType.NS && r.Owner == zone.Origin)
            {
                rank = 1;
            }

            keys[i] = (rank, i);
        }

        Array.Sort(keys, (x, y) =>
        {
            var c = x.Rank.CompareTo(y.Rank);
            if (c != 0)
            {
                return c;
            }

            if (x.Rank == 2)
            {
                var a = records[x.Index];
                var b = records[y.Index];
                c = a.Owner.CompareTo(b.Owner);
                if (c != 0)
                {
                    return c;
                }

                c = ((ushort)a.Type).CompareTo((ushort)b.Type);
                if (c != 0)
                {
                    return c;
                }
            }

            return x.Index.CompareTo(y.Index);
        });

        var sorted = new ResourceRecord[records.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            sorted[i] = records[keys[i].Index];
        }

        return sorted;
    }
}
