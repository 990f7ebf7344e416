using System.Globalization;
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

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The zone with its records in the order <see cref="Write(DnsZone, Stream)"/> writes them.</summary>
    public static DnsZone Normalize(DnsZone zone) => zone.WithRecords(RecordOrder.Sort(zone));

    public static string Write(DnsZone zone)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(zone, output);
        return output.ToString();
    }

    public static void Write(DnsZone zone, Stream output)
    {
        using var writer = new StreamWriter(output, Utf8, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
        Write(zone, writer);
    }

    private static void Write(DnsZone zone, TextWriter writer)
    {
        var origin = zone.Origin;
        writer.Write("$ORIGIN ");
        writer.Write(origin.Value);
        writer.Write('\n');
        if (zone.DefaultTtl is { } defaultTtl)
        {
            writer.Write("$TTL ");
            writer.Write(defaultTtl.ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }

        var records = RecordOrder.Sort(zone);
        var owners = new string[records.Length];
        int ownerWidth = 1, ttlWidth = 1, typeWidth = 1;
        for (var i = 0; i < records.Length; i++)
        {
            var r = records[i];
            owners[i] = i > 0 && string.Equals(r.Owner.Value, records[i - 1].Owner.Value, StringComparison.Ordinal)
                ? owners[i - 1]
                : r.Owner.ToRelativeString(origin);
            ownerWidth = Math.Max(ownerWidth, Math.Min(owners[i].Length, MaxOwnerColumn));
            ttlWidth = Math.Max(ttlWidth, Digits(r.Ttl));
            typeWidth = Math.Max(typeWidth, RecordTypes.ToMnemonic(r.Type).Length);
        }

        Span<char> number = stackalloc char[10];
        for (var i = 0; i < records.Length; i++)
        {
            var r = records[i];
            var sameOwner = i > 0 && ReferenceEquals(owners[i], owners[i - 1]);
            var owner = sameOwner ? string.Empty : owners[i];
            writer.Write(owner);
            Pad(writer, Math.Max(1, ownerWidth - owner.Length + 1));
            r.Ttl.TryFormat(number, out var n, default, CultureInfo.InvariantCulture);
            Pad(writer, ttlWidth - n);
            writer.Write(number[..n]);
            writer.Write(' ');
            writer.Write(DnsClasses.ToMnemonic(r.Class));
            writer.Write(' ');
            var type = RecordTypes.ToMnemonic(r.Type);
            writer.Write(type);
            Pad(writer, typeWidth - type.Length + 1);
            writer.Write(r.Data.ToPresentation(origin));
            writer.Write('\n');
        }
    }

    private static int Digits(uint n) => n == 0 ? 1 : (int)Math.Floor(Math.Log10(n)) + 1;

    private static void Pad(TextWriter writer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            writer.Write(' ');
        }
    }
}
