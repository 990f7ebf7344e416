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

    /// <summary>The zone with its records in the order <see cref="Write(DnsZone, Stream)"/> writes them.</summary>
    public static DnsZone Normalize(DnsZone zone) =>
        new(zone.Origin, zone.DefaultTtl, ImmutableCollectionsMarshal.AsImmutableArray(RecordOrder.Sort(zone)));

    public static string Write(DnsZone zone)
    {
        using var buffer = new MemoryStream();
        Write(zone, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(DnsZone zone, Stream output)
    {
        using var writer = new Utf8Output(output);
        var origin = zone.Origin;
        writer.Write("$ORIGIN ");
        writer.Write(origin.Value);
        writer.Write((byte)'\n');
        if (zone.DefaultTtl is { } defaultTtl)
        {
            writer.Write("$TTL ");
            writer.Write(defaultTtl);
            writer.Write((byte)'\n');
        }

        var records = RecordOrder.Sort(zone);
        int ownerWidth = 1, ttlWidth = 1, typeWidth = 1;
        string? previous = null;
        foreach (var r in records)
        {
            if (!ReferenceEquals(r.Owner.Value, previous))
            {
                ownerWidth = Math.Max(ownerWidth, Math.Min(Relative(r.Owner, origin).Length, MaxOwnerColumn));
                previous = r.Owner.Value;
            }

            ttlWidth = Math.Max(ttlWidth, Digits(r.Ttl));
            typeWidth = Math.Max(typeWidth, RecordTypes.ToMnemonic(r.Type).Length);
        }

        previous = null;
        foreach (var r in records)
        {
            // Later records of the same owner start with blank space, which means "the previous owner".
            var owner = string.Equals(r.Owner.Value, previous, StringComparison.Ordinal)
                ? ReadOnlySpan<char>.Empty
                : Relative(r.Owner, origin);
            previous = r.Owner.Value;
            writer.Write(owner);
            writer.Spaces(Math.Max(1, ownerWidth - owner.Length + 1));
            writer.Spaces(ttlWidth - Digits(r.Ttl));
            writer.Write(r.Ttl);
            writer.Write((byte)' ');
            writer.Write(DnsClasses.ToMnemonic(r.Class));
            writer.Write((byte)' ');
            var type = RecordTypes.ToMnemonic(r.Type);
            writer.Write(type);
            writer.Spaces(typeWidth - type.Length + 1);
            WriteData(writer, r.Data, origin);
            writer.Write((byte)'\n');
        }
    }

    private static void WriteData(Utf8Output writer, RData data, DomainName origin)
    {
        switch (data)
        {
            case AData a:
                var v = a.Value;
                writer.Write(v >> 24);
                writer.Write((byte)'.');
                writer.Write((v >> 16) & 0xff);
                writer.Write((byte)'.');
                writer.Write((v >> 8) & 0xff);
                writer.Write((byte)'.');
                writer.Write(v & 0xff);
                break;
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
    private static ReadOnlySpan<char> Relative(DomainName name, DomainName origin)
    {
        var value = name.Value;
        if (value.Length == origin.Value.Length)
        {
            return name == origin ? "@" : value;
        }

        return !origin.IsRoot && name.IsSubdomainOf(origin)
            ? value.AsSpan(0, value.Length - origin.Value.Length - 1)
            : value;
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
