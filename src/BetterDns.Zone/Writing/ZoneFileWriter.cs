using System.Runtime.InteropServices;
using System.Text;
using BetterDns.Zone.Model;

namespace BetterDns.Zone.Writing;

/// <summary>
/// Writes a zone as a deterministic RFC 1035 master file: <c>$ORIGIN</c>, <c>$TTL</c>, the SOA, the apex
/// NS records, then the rest in canonical order; each owner once per group, names relative to the
/// origin where shorter, aligned columns, an explicit TTL on every record. Reading the output back
/// gives <see cref="Normalize"/> of the zone.
/// </summary>
public static class ZoneFileWriter
{
    private const int MaxOwnerColumn = 40;

    /// <summary>With parallel formatting, zones with at least this many records are formatted on two threads.</summary>
    internal const int ParallelRecords = 50_000;

    /// <summary>Records per block when formatting in parallel (a block's text is about 1 MB).</summary>
    private const int BlockRecords = 1 << 15;

    /// <summary>The zone with its records in the order <see cref="Write(DnsZone, Stream)"/> writes them.</summary>
    public static DnsZone Normalize(DnsZone zone) =>
        new(zone.Origin, zone.DefaultTtl, ImmutableCollectionsMarshal.AsImmutableArray(RecordOrder.Sort(zone)));

    public static string Write(DnsZone zone)
    {
        using var buffer = new MemoryStream();
        Write(zone, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(DnsZone zone, Stream output) => Write(zone, output, inParallel: false);

    /// <summary>
    /// With <paramref name="inParallel"/>, a large zone is formatted on two threads (the same bytes). Off by
    /// default: on a machine with no idle core it was no faster (docs/benchmarks.md).
    /// </summary>
    public static void Write(DnsZone zone, Stream output, bool inParallel) =>
        Write(zone, output, inParallel ? ParallelRecords : int.MaxValue);

    internal static void Write(DnsZone zone, Stream output, int parallelRecords)
    {
        using var writer = new Utf8Output(output);
        var origin = zone.Origin;
        writer.Write("$ORIGIN ");
        writer.Write(origin.Text);
        writer.Write((byte)'\n');
        if (zone.DefaultTtl is { } defaultTtl)
        {
            writer.Write("$TTL ");
            writer.Write(defaultTtl);
            writer.Write((byte)'\n');
        }

        var records = RecordOrder.Sort(zone);

        // Names are compared with the origin over and over: have it in the names' form.
        origin = records.Length > 0 ? origin.InFormOf(records[^1].Owner) : origin;
        int ownerWidth = 1, ttlWidth = 1, typeWidth = 1;
        object? previous = null;
        foreach (var r in records)
        {
            if (!ReferenceEquals(r.Owner.Identity, previous))
            {
                ownerWidth = Math.Max(ownerWidth, Math.Min(Relative(r.Owner, origin).Length, MaxOwnerColumn));
                previous = r.Owner.Identity;
            }

            ttlWidth = Math.Max(ttlWidth, Digits(r.Ttl));
            typeWidth = Math.Max(typeWidth, RecordTypes.ToMnemonic(r.Type).Length);
        }

        var layout = new Layout(origin, ownerWidth, ttlWidth, typeWidth);
        if (records.Length < parallelRecords || Environment.ProcessorCount < 2)
        {
            WriteRecords(writer, records, 0, records.Length, layout);
            return;
        }

        // Two blocks at a time: each formatted on its own thread into its own buffer, written in order.
        writer.Flush();
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        for (var start = 0; start < records.Length; start += 2 * BlockRecords)
        {
            var middle = Math.Min(start + BlockRecords, records.Length);
            var end = Math.Min(middle + BlockRecords, records.Length);
            var from = start;
            first.SetLength(0);
            second.SetLength(0);
            Parallel.Invoke(
                () => FormatBlock(first, records, from, middle, layout),
                () => FormatBlock(second, records, middle, end, layout));
            output.Write(first.GetBuffer(), 0, (int)first.Length);
            output.Write(second.GetBuffer(), 0, (int)second.Length);
        }
    }

    /// <summary>Column widths shared by every line, and the origin names are written relative to.</summary>
    private readonly record struct Layout(DomainName Origin, int OwnerWidth, int TtlWidth, int TypeWidth);

    private static void FormatBlock(MemoryStream block, ResourceRecord[] records, int from, int to, Layout layout)
    {
        using var writer = new Utf8Output(block);
        WriteRecords(writer, records, from, to, layout);
    }

    private static void WriteRecords(Utf8Output writer, ResourceRecord[] records, int from, int to, Layout layout)
    {
        var origin = layout.Origin;
        DomainName? previous = from > 0 ? records[from - 1].Owner : null;
        for (var i = from; i < to; i++)
        {
            var r = records[i];

            // Later records of the same owner start with blank space, which means "the previous owner".
            var owner = previous is { } p && DomainName.SameText(r.Owner, p)
                ? new NameText(ReadOnlySpan<char>.Empty)
                : Relative(r.Owner, origin);
            previous = r.Owner;
            writer.Write(owner);
            writer.Spaces(Math.Max(1, layout.OwnerWidth - owner.Length + 1));
            writer.Spaces(layout.TtlWidth - Digits(r.Ttl));
            writer.Write(r.Ttl);
            writer.Write((byte)' ');
            writer.Write(DnsClasses.ToMnemonic(r.Class));
            writer.Write((byte)' ');
            var type = RecordTypes.ToMnemonic(r.Type);
            writer.Write(type);
            writer.Spaces(layout.TypeWidth - type.Length + 1);
            if (r.TryGetAddress(out var address))
            {
                WriteAddress(writer, address);
            }
            else
            {
                WriteData(writer, r.Data, origin);
            }

            writer.Write((byte)'\n');
        }
    }

    private static void WriteAddress(Utf8Output writer, uint v)
    {
        writer.Write(v >> 24);
        writer.Write((byte)'.');
        writer.Write((v >> 16) & 0xff);
        writer.Write((byte)'.');
        writer.Write((v >> 8) & 0xff);
        writer.Write((byte)'.');
        writer.Write(v & 0xff);
    }

    private static void WriteData(Utf8Output writer, RData data, DomainName origin)
    {
        switch (data)
        {
            case NameData n:
                writer.Write(Relative(n.Target, origin));
                break;
            case MxData mx:
                writer.Write(mx.Preference);
                writer.Write((byte)' ');
                writer.Write(Relative(mx.Exchange, origin));
                break;
            case TxtData txt:
                for (var i = 0; i < txt.Strings.Length; i++)
                {
                    if (i > 0)
                    {
                        writer.Write((byte)' ');
                    }

                    writer.WriteQuoted(txt.Strings[i]);
                }

                break;
            case AaaaData aaaa:
                Span<char> text = stackalloc char[64];
                aaaa.Address.TryFormat(text, out var written);
                writer.Write(text[..written]);
                break;
            default:
                writer.Write(data.ToPresentation(origin));
                break;
        }
    }

    /// <summary>What <see cref="DomainName.ToRelativeString"/> returns, without allocating.</summary>
    private static NameText Relative(DomainName name, DomainName origin)
    {
        // Ordinal suffix match: reading a relative name back appends the origin's spelling, so a name
        // that spells the origin in another case is written absolute to keep its case.
        var value = name.Text;
        var originText = origin.Text;
        if (value.Length == originText.Length)
        {
            return NameText.EqualsOrdinal(value, originText) ? new NameText("@") : value;
        }

        // Below the origin, spelled the same: the part before the origin, when a label ends there.
        if (origin.IsRoot || value.Length < originText.Length + 2 || !value.EndsWith(originText, ignoreCase: false))
        {
            return value;
        }

        var dot = value.Length - originText.Length - 1;
        return value[dot] == '.' && value.Slice(0, dot + 1).IsAbsolute() ? value.Slice(0, dot) : value;
    }

    private static int Digits(uint n)
    {
        var digits = 1;
        while (n >= 10)
        {
            n /= 10;
            digits++;
        }

        return digits;
    }
}
