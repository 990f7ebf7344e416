using System.Net;
using System.Text;
using BetterDns.Zone.Model;
using CsCheck;

namespace BetterDns.Zone.Tests.Properties;

/// <summary>CsCheck generators for random zones: any octet in names and strings, every RDATA kind.</summary>
internal static class ZoneGen
{
    private static readonly Gen<byte> LabelOctet = Gen.Frequency(
        (8, Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"].Select(c => (byte)c)),
        (1, Gen.Byte));

    public static readonly Gen<string> Label =
        LabelOctet.Array[1, 12].Select(octets => DomainName.EncodeLabel(octets));

    public static readonly Gen<DomainName> Origin = Gen.OneOfConst("example.com.", "Zone.Test.", "a.b.c.d.").Select(o => DomainName.Parse(o));

    public static Gen<DomainName> NameUnder(DomainName origin) => Gen.Frequency(
        (1, Gen.Const(origin)),
        (6, Label.Array[1, 3].Select(labels => DomainName.Parse(string.Join('.', labels), origin))),
        (1, Label.Array[1, 3].Select(labels => DomainName.Parse(string.Join('.', labels) + ".elsewhere.org."))));

    private static readonly Gen<string> Octets = Gen.Frequency(
        (4, Gen.Char[" abcdefghij=;:\"\\()$@.0123456789"].Array[0, 40].Select(cs => new string(cs))),
        (1, Gen.Byte.Array[0, 255].Select(b => Encoding.Latin1.GetString(b))));

    private static readonly Gen<uint> Ttl = Gen.UInt[0, 0x7fffffff];

    public static Gen<RData> Data(DomainName origin)
    {
        var name = NameUnder(origin);
        return Gen.OneOf<RData>(
            Gen.UInt.Select(v => (RData)new AData(v)),
            Gen.Byte.Array[16].Select(b => (RData)new AaaaData(new IPAddress(b))),
            Gen.Select(Gen.OneOfConst(RecordType.NS, RecordType.CNAME, RecordType.PTR, RecordType.DNAME), name, (t, n) => (RData)new NameData(t, n)),
            Gen.Select(Gen.UShort, name, (p, n) => (RData)new MxData(p, n)),
            Gen.Select(Octets.Array[1, 4], Gen.Bool, (s, spf) => (RData)new TxtData(s, spf ? RecordType.SPF : RecordType.TXT)),
            Gen.Select(Gen.UShort, Gen.UShort, Gen.UShort, name, (a, b, c, n) => (RData)new SrvData(a, b, c, n)),
            Gen.Select(Gen.Byte, Gen.OneOfConst("issue", "issuewild", "iodef", "X1"), Octets, (f, t, v) => (RData)new CaaData(f, t, v)),
            Gen.Select(name, name, Gen.UInt, Ttl, Ttl, Ttl, Ttl, (m, r, s, a, b, c, d) => (RData)new SoaData(m, r, s, a, b, c, d)),
            Gen.Select(Gen.UShort[0xFF00, 0xFFFE], Gen.Byte.Array[0, 40], (t, d) => (RData)new UnknownData((RecordType)t, d)),
            Gen.Select(Gen.UShort, Gen.Byte, Gen.Char["0123456789ABCDEF"].Array[2, 64], (k, a, h) => (RData)new OpaqueData(RecordType.DS, [k.ToString(), a.ToString(), "2", new string(h)])),
            Gen.Select(Gen.Char["abc xyz"].Array[0, 10], Gen.Char["abc"].Array[1, 5], (cpu, os) => (RData)new OpaqueData(RecordType.HINFO, ["\"" + new string(cpu) + "\"", new string(os)])));
    }

    public static readonly Gen<DnsZone> Zone =
        from origin in Origin
        from defaultTtl in Gen.Frequency((1, Gen.Const(default(uint?))), (2, Ttl.Select(t => (uint?)t)))
        from records in Gen.Select(NameUnder(origin), Ttl, Data(origin), (o, t, d) => new ResourceRecord(o, t, DnsClass.IN, d)).Array[0, 30]
        select new DnsZone(origin, defaultTtl, records);
}
