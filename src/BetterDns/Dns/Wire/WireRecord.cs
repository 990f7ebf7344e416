using System.Buffers.Binary;
using System.Text;
using BetterDns.Zone.Model;

namespace BetterDns.Dns.Wire;

/// <summary>
/// A resource record prepared for the wire once, when a zone is indexed: the owner and every name
/// in the RDATA already in wire form, and the RDATA of types without compressible names already
/// encoded. Writing it is then a few copies; only NS, CNAME, PTR, MX and SOA names are compressed
/// (RFC 3597 §4), the rest is written as prepared.
/// </summary>
public sealed class WireRecord
{
    private readonly byte[]? _rdata;
    private readonly byte[]? _name1;
    private readonly byte[]? _name2;
    private readonly byte[]? _fixed;

    public WireRecord(ResourceRecord record)
        : this(record, record.Ttl)
    {
    }

    /// <summary>With a TTL other than the record's (the SOA of a negative answer, RFC 2308 §3).</summary>
    public WireRecord(ResourceRecord record, uint ttl)
    {
        Record = record;
        Owner = WireName.From(record.Owner);
        Ttl = ttl;
        switch (record.Data)
        {
            case NameData { Type: RecordType.NS or RecordType.CNAME or RecordType.PTR } n:
                _name1 = WireName.From(n.Target);
                Target = n.Target;
                break;
            case MxData mx:
                _fixed = new byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(_fixed, mx.Preference);
                _name1 = WireName.From(mx.Exchange);
                Target = mx.Exchange;
                break;
            case SoaData soa:
                _name1 = WireName.From(soa.PrimaryNameServer);
                _name2 = WireName.From(soa.ResponsibleMailbox);
                _fixed = new byte[20];
                BinaryPrimitives.WriteUInt32BigEndian(_fixed, soa.Serial);
                BinaryPrimitives.WriteUInt32BigEndian(_fixed.AsSpan(4), soa.Refresh);
                BinaryPrimitives.WriteUInt32BigEndian(_fixed.AsSpan(8), soa.Retry);
                BinaryPrimitives.WriteUInt32BigEndian(_fixed.AsSpan(12), soa.Expire);
                BinaryPrimitives.WriteUInt32BigEndian(_fixed.AsSpan(16), soa.Minimum);
                break;
            case SrvData srv:
                Target = srv.Target;
                _rdata = EncodeFixed(record.Data);
                break;
            case OpaqueData:
                // Not encodable: the index keeps it out of answers (see RRset.Encodable).
                break;
            default:
                _rdata = EncodeFixed(record.Data);
                break;
        }

        if (Target is { } target)
        {
            TargetWire = WireName.From(target);
            TargetKey = WireName.KeyFrom(target);
        }
    }

    public ResourceRecord Record { get; }

    /// <summary>The owner in wire form, case as in the zone.</summary>
    public byte[] Owner { get; }

    public RecordType Type => Record.Type;

    public uint Ttl { get; }

    /// <summary>The name an answer's additional section may resolve (NS, MX, SRV) or a CNAME chases.</summary>
    public DomainName? Target { get; }

    /// <summary><see cref="Target"/> in wire form, case as in the zone.</summary>
    public byte[]? TargetWire { get; }

    /// <summary><see cref="Target"/> lower-cased: the key to look it up in a zone index.</summary>
    public byte[]? TargetKey { get; }

    /// <summary>True for the types whose RDATA can be encoded (all but <see cref="OpaqueData"/>).</summary>
    public static bool CanEncode(RData data) => data is not OpaqueData;

    /// <summary>Writes the record with the given owner (a flat wire name); false (writer unchanged) when it does not fit.</summary>
    public bool TryWrite(ref DnsWireWriter writer, ReadOnlySpan<byte> owner)
    {
        var mark = writer.Mark();
        if (!writer.TryWriteName(owner)
            || !writer.TryWriteUInt16((ushort)Type)
            || !writer.TryWriteUInt16((ushort)Record.Class)
            || !writer.TryWriteUInt32(Ttl)
            || !writer.TryWriteUInt16(0))
        {
            writer.Reset(mark);
            return false;
        }

        var rdataStart = writer.Position;
        var ok = Type switch
        {
            RecordType.NS or RecordType.CNAME or RecordType.PTR => writer.TryWriteName(_name1!),
            RecordType.MX => writer.TryWriteBytes(_fixed!) && writer.TryWriteName(_name1!),
            RecordType.SOA => writer.TryWriteName(_name1!) && writer.TryWriteName(_name2!) && writer.TryWriteBytes(_fixed!),
            _ => writer.TryWriteBytes(_rdata!),
        };
        if (!ok)
        {
            writer.Reset(mark);
            return false;
        }

        writer.PatchUInt16(rdataStart - 2, (ushort)(writer.Position - rdataStart));
        return true;
    }

    /// <summary>RDATA with no compressible names, encoded once.</summary>
    public static byte[] EncodeFixed(RData data)
    {
        switch (data)
        {
            case AData a:
                var v4 = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(v4, a.Value);
                return v4;
            case AaaaData aaaa:
                return aaaa.Address.GetAddressBytes();
            case NameData n:
                return WireName.From(n.Target);
            case SrvData srv:
                var target = WireName.From(srv.Target);
                var bytes = new byte[6 + target.Length];
                BinaryPrimitives.WriteUInt16BigEndian(bytes, srv.Priority);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), srv.Weight);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), srv.Port);
                target.CopyTo(bytes, 6);
                return bytes;
            case TxtData txt:
                var text = new List<byte>();
                foreach (var s in txt.Strings)
                {
                    text.Add((byte)s.Length);
                    text.AddRange(Encoding.Latin1.GetBytes(s));
                }

                return [.. text];
            case CaaData caa:
                var tag = Encoding.Latin1.GetBytes(caa.Tag);
                var value = Encoding.Latin1.GetBytes(caa.Value);
                return [caa.Flags, (byte)tag.Length, .. tag, .. value];
            case UnknownData unknown:
                return [.. unknown.Data];
            default:
                throw new ArgumentException($"{RecordTypes.ToMnemonic(data.Type)} RDATA held as presentation fields cannot be encoded", nameof(data));
        }
    }
}
