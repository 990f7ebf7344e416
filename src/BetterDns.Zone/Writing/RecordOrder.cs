using System.Collections.Immutable;
using BetterDns.Zone.Model;

namespace BetterDns.Zone.Writing;

/// <summary>
/// The order the writer puts records in: the apex SOA, the apex NS records, then everything else by
/// canonical name order (RFC 4034 §6.1, as <see cref="DomainName.CompareTo"/>), then type code, then
/// original position.
/// </summary>
/// <remarks>
/// A million-record zone must sort in well under a second, so each record gets a 16-octet prefix of
/// its canonical sort key (labels from the right, octets lower-cased and shifted up by one, a zero
/// after each label; relative to the origin for names inside it). Keys that differ decide the order
/// without touching the names; equal keys fall back to comparing the names.
/// </remarks>
internal static class RecordOrder
{
    /// <summary>Below this many records one thread sorts; above it two halves are sorted in parallel and merged.</summary>
    private const int ParallelThreshold = 50_000;

    public static ResourceRecord[] Sort(DnsZone zone)
    {
        var records = zone.Records;

        // Every owner is compared with the origin: have it in the owners' form.
        var origin = records.Length > 0 ? zone.Origin.InFormOf(records[^1].Owner) : zone.Origin;
        var entries = new Entry[records.Length];
        var soaSeen = false;
        object? lastOwner = null;
        UInt128 lastKey = default;
        var lastGroup = 0;
        for (var i = 0; i < records.Length; i++)
        {
            var r = records[i];
            var rank = 2;
            if (r.Type == RecordType.SOA && !soaSeen && r.Owner == origin)
            {
                rank = 0;
                soaSeen = true;
            }
            else if (r.Type == RecordType.NS && r.Owner == origin)
            {
                rank = 1;
            }

            var owner = r.Owner.Identity;
            if (!ReferenceEquals(owner, lastOwner))
            {
                (lastGroup, lastKey) = KeyOf(r.Owner, origin);
                lastOwner = owner;
            }

            var order = rank == 2 ? 2 + lastGroup : rank;
            var key = rank == 2 ? lastKey : default;
            entries[i] = new Entry((ulong)(key >> 64), (ulong)key, (order << 16) | (ushort)r.Type, i);
        }

        return SortEntries(entries, records);
    }

    /// <summary>
    /// Names inside the origin form one block in canonical order (group 1), keyed relative to the
    /// origin; names outside sort before (0) or after (2) the block, keyed by their full name.
    /// </summary>
    private static (int Group, UInt128 Key) KeyOf(DomainName name, DomainName origin)
    {
        var value = name.Text;
        if (name.IsSubdomainOf(origin))
        {
            var relativeLength = origin.IsRoot ? value.Length : value.Length - origin.TextLength;
            return (1, Prefix(value.Slice(0, relativeLength), name, origin));
        }

        return (name.CompareTo(origin) < 0 ? 0 : 2, Prefix(value, name, null));
    }

    /// <summary>The first 16 octets of the canonical key of <paramref name="labels"/> (each label followed by a dot).</summary>
    private static UInt128 Prefix(NameText labels, DomainName name, DomainName? origin)
    {
        Span<byte> key = stackalloc byte[16];
        var n = 0;
        if (labels.Contains('\\'))
        {
            var wire = name.WireLabels();
            var count = origin is { } o ? wire.Count - o.LabelCount : wire.Count;
            for (var l = count - 1; l >= 0 && n < 16; l--)
            {
                foreach (var b in wire[l])
                {
                    if (n == 16)
                    {
                        break;
                    }

                    key[n++] = Shift((char)b);
                }

                if (n < 16)
                {
                    key[n++] = 0;
                }
            }
        }
        else
        {
            // Each label runs from after the previous dot up to the next dot.
            var end = labels.Length - 1;
            while (end > 0 && n < 16)
            {
                var start = labels.LastIndexOf('.', end) + 1;
                for (var i = start; i < end && n < 16; i++)
                {
                    key[n++] = Shift(labels[i]);
                }

                if (n < 16)
                {
                    key[n++] = 0;
                }

                end = start - 1;
            }
        }

        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(key);
    }

    /// <summary>Lower-case, then up by one so 0 is free for the label end; 254 and 255 share 255 (ties are resolved by the names).</summary>
    private static byte Shift(char c)
    {
        var b = c is >= 'A' and <= 'Z' ? c + 32 : c;
        return (byte)Math.Min(b + 1, 255);
    }

    private static ResourceRecord[] SortEntries(Entry[] entries, ImmutableArray<ResourceRecord> records)
    {
        var sorted = new ResourceRecord[entries.Length];
        if (entries.Length < ParallelThreshold || Environment.ProcessorCount < 2)
        {
            Array.Sort(entries);
            ResolveTies(entries, 0, entries.Length, records);
            for (var i = 0; i < entries.Length; i++)
            {
                sorted[i] = records[entries[i].Index];
            }

            return sorted;
        }

        // Two halves sorted in parallel, then merged straight into the result.
        var half = entries.Length / 2;
        Parallel.Invoke(
            () =>
            {
                Array.Sort(entries, 0, half);
                ResolveTies(entries, 0, half, records);
            },
            () =>
            {
                Array.Sort(entries, half, entries.Length - half);
                ResolveTies(entries, half, entries.Length, records);
            });
        var byName = new ByName(records);
        int a = 0, b = half, m = 0;
        while (a < half && b < entries.Length)
        {
            var c = entries[b].CompareTo(entries[a]);
            if (c != 0 && entries[a].SameKey(entries[b]))
            {
                c = byName.Compare(entries[b], entries[a]);
            }

            sorted[m++] = records[c < 0 ? entries[b++].Index : entries[a++].Index];
        }

        while (a < half)
        {
            sorted[m++] = records[entries[a++].Index];
        }

        while (b < entries.Length)
        {
            sorted[m++] = records[entries[b++].Index];
        }

        return sorted;
    }

    /// <summary>
    /// Entries with the same key prefix were ordered by type and position only; where their names
    /// differ (names longer than the prefix), order that run by name first.
    /// </summary>
    private static void ResolveTies(Entry[] entries, int from, int to, ImmutableArray<ResourceRecord> records)
    {
        var start = from;
        for (var i = from + 1; i <= to; i++)
        {
            if (i < to && entries[i].SameKey(entries[start]))
            {
                continue;
            }

            if (i - start > 1)
            {
                var first = records[entries[start].Index].Owner;
                var mixed = false;
                for (var j = start + 1; j < i && !mixed; j++)
                {
                    mixed = records[entries[j].Index].Owner != first;
                }

                if (mixed)
                {
                    Array.Sort(entries, start, i - start, new ByName(records));
                }
            }

            start = i;
        }
    }

    /// <summary>Order, key prefix, type, position: all a sort needs except names that share a prefix.</summary>
    private readonly record struct Entry(ulong High, ulong Low, int OrderAndType, int Index) : IComparable<Entry>
    {
        public int Order => OrderAndType >> 16;

        /// <summary>Same group and key prefix: only the names can tell these apart.</summary>
        public bool SameKey(Entry other) => Order == other.Order && High == other.High && Low == other.Low && Order >= 2;

        public int CompareTo(Entry other)
        {
            var c = Order.CompareTo(other.Order);
            if (c != 0)
            {
                return c;
            }

            c = High.CompareTo(other.High);
            if (c != 0)
            {
                return c;
            }

            c = Low.CompareTo(other.Low);
            if (c != 0)
            {
                return c;
            }

            c = (OrderAndType & 0xffff).CompareTo(other.OrderAndType & 0xffff);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }

    private sealed class ByName(ImmutableArray<ResourceRecord> records) : IComparer<Entry>
    {
        public int Compare(Entry x, Entry y)
        {
            var c = records[x.Index].Owner.CompareTo(records[y.Index].Owner);
            return c != 0 ? c : x.CompareTo(y);
        }
    }
}
