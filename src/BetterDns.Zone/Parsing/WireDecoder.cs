using System.Buffers.Binary;
using System.Net;
using System.Text;
using BetterDns.Zone.Model;

namespace BetterDns.Zone.Parsing;

/// <summary>Decodes RFC 3597 generic RDATA (wire form) of the types BetterDns types, as BIND does.</summary>
internal static class WireDecoder
{
    public static RData? Decode(RecordType type, ReadOnlySpan<byte> data, out string? error)
    {
        error = null;
        var pos = 0;
        RData? result = null;
        switch (type)
        {
            case RecordType.A when data.Length == 4:
                result = new AData(BinaryPrimitives.ReadUInt32BigEndian(data));
                pos = 4;
                break;
            case RecordType.AAAA when data.Length == 16:
                result = new AaaaData(new IPAddress(data));
                pos = 16;
                break;
            case RecordType.NS or RecordType.CNAME or RecordType.PTR or RecordType.DNAME:
                if (TryName(data, ref pos, out var target))
                {
                    result = new NameData(type, target);
                }

                break;
            case RecordType.MX when data.Length >= 3:
                pos = 2;
                if (TryName(data, ref pos, out var exchange))
                {
                    result = new MxData(BinaryPrimitives.ReadUInt16BigEndian(data), exchange);
                }

                break;
            case RecordType.SRV when data.Length >= 7:
                pos = 6;
                if (TryName(data, ref pos, out var srvTarget))
                {
                    result = new SrvData(
                        BinaryPrimitives.ReadUInt16BigEndian(data),
                        BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
                        BinaryPrimitives.ReadUInt16BigEndian(data[4..]),
                        srvTarget);
                }

                break;
            case RecordType.TXT or RecordType.SPF when data.Length > 0:
                var strings = new List<string>();
                while (pos < data.Length && pos + 1 + data[pos] <= data.Length)
                {
                    strings.Add(Encoding.Latin1.GetString(data.Slice(pos + 1, data[pos])));
                    pos += 1 + data[pos];
                }

                result = new TxtData(strings, type);
                break;
            case RecordType.CAA when data.Length >= 2 && data[1] > 0 && 2 + data[1] <= data.Length:
                var tag = data.Slice(2, data[1]);
                if (IsAlphanumeric(tag))
                {
                    result = new CaaData(data[0], Encoding.ASCII.GetString(tag), Encoding.Latin1.GetString(data[(2 + data[1])..]));
                    pos = data.Length;
                }

                break;
            case RecordType.SOA:
                if (TryName(data, ref pos, out var mname) && TryName(data, ref pos, out var rname) && data.Length - pos == 20)
                {
                    var t = data[pos..];
                    result = new SoaData(
                        mname,
                        rname,
                        BinaryPrimitives.ReadUInt32BigEndian(t),
                        BinaryPrimitives.ReadUInt32BigEndian(t[4..]),
                        BinaryPrimitives.ReadUInt32BigEndian(t[8..]),
                        BinaryPrimitives.ReadUInt32BigEndian(t[12..]),
                        BinaryPrimitives.ReadUInt32BigEndian(t[16..]));
                    pos = data.Length;
                }

                break;
        }

        if (result is null || pos != data.Length)
        {
            error = $"the generic RDATA is not a valid {RecordTypes.ToMnemonic(type)} in wire form";
            return null;
        }

        return result;
    }

    /// <summary>An uncompressed wire-form name, as presentation text.</summary>
    private static bool TryName(ReadOnlySpan<byte> data, ref int pos, out DomainName name)
    {
        name = default;
        var sb = new StringBuilder();
        var wire = 0;
        while (true)
        {
            if (pos >= data.Length)
            {
                return false;
            }

            var length = data[pos];
            wire += 1 + length;
            if (length > DomainName.MaxLabelLength || wire > DomainName.MaxWireLength || pos + 1 + length > data.Length)
            {
                return false;
            }

            if (length == 0)
            {
                pos++;
                name = sb.Length == 0 ? DomainName.Root : DomainName.FromTrusted(sb.ToString());
                return true;
            }

            sb.Append(DomainName.EncodeLabel(data.Slice(pos + 1, length))).Append('.');
            pos += 1 + length;
        }
    }

    private static bool IsAlphanumeric(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (!char.IsAsciiLetterOrDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
