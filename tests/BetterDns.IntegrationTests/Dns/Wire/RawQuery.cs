using System.Buffers.Binary;
using System.Text;

namespace BetterDns.IntegrationTests.Dns.Wire;

/// <summary>Hand-built query messages, so tests can send exactly the octets they mean (good or broken).</summary>
internal static class RawQuery
{
    public static byte[] Name(string dotted)
    {
        var bytes = new List<byte>();
        foreach (var label in dotted.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.Add(0);
        return [.. bytes];
    }

    public static byte[] Header(ushort id, ushort flags = 0x0100, ushort questions = 1, ushort answers = 0, ushort authority = 0, ushort additional = 0)
    {
        var header = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, id);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), flags);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), questions);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), answers);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), authority);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), additional);
        return header;
    }

    /// <summary>An OPT record: root owner, payload size as class, version in the TTL.</summary>
    public static byte[] Opt(ushort payload = 1232, byte version = 0, bool dnssecOk = false)
    {
        var opt = new byte[11];
        BinaryPrimitives.WriteUInt16BigEndian(opt.AsSpan(1), 41);
        BinaryPrimitives.WriteUInt16BigEndian(opt.AsSpan(3), payload);
        BinaryPrimitives.WriteUInt32BigEndian(opt.AsSpan(5), ((uint)version << 16) | (dnssecOk ? 0x8000u : 0));
        return opt;
    }

    public static byte[] Build(ushort id, string name, ushort type = 1, ushort @class = 1, byte[]? opt = null, ushort flags = 0x0100)
    {
        var question = Name(name);
        return [.. Header(id, flags, additional: (ushort)(opt is null ? 0 : 1)), .. question, (byte)(type >> 8), (byte)type, (byte)(@class >> 8), (byte)@class, .. opt ?? []];
    }

    public static ushort Id(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt16BigEndian(message);

    public static ushort Flags(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt16BigEndian(message[2..]);

    public static int ResponseCode(ReadOnlySpan<byte> message) => Flags(message) & 0xF;

    public static ushort Count(ReadOnlySpan<byte> message, int section) => BinaryPrimitives.ReadUInt16BigEndian(message[(4 + (2 * section))..]);
}
