using System.Buffers.Binary;
using System.Net;
using System.Text;
using BetterDns.Zone.Model;

namespace BetterDns.Registry.Journal;

/// <summary>
/// The journal's framing: <c>[u32 payload length][u32 CRC-32C of payload][payload]</c>, little endian.
/// A payload is a segment header (<see cref="HeaderKind"/>: the previous segment's number and its valid
/// length) or a batch (<see cref="BatchKind"/>: a count, then upserts and deletes). Names are stored
/// relative to the origin as the client wrote them; addresses as raw octets; times as UTC ticks.
/// </summary>
internal static class JournalCodec
{
    public const int FrameHeaderLength = 8;

    /// <summary>Payloads larger than this are treated as garbage (a torn length field).</summary>
    public const int MaxPayloadLength = 256 * 1024 * 1024;

    private const byte HeaderKind = 1;
    private const byte BatchKind = 2;
    private const byte UpsertKind = 1;
    private const byte DeleteKind = 2;

    /// <summary>An upsert followed by the check, priority and health (kind 1, before health checks, is still read).</summary>
    private const byte UpsertWithHealthKind = 3;

    public static byte[] EncodeHeader(long previousSegment, long previousValidLength)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(HeaderKind);
            w.Write(previousSegment);
            w.Write(previousValidLength);
        }

        return Frame(payload);
    }

    /// <summary>Encodes one batch as one frame into <paramref name="buffer"/> (reset first), returning the frame.</summary>
    public static ReadOnlyMemory<byte> EncodeBatch(IReadOnlyList<RegistrationOp> ops, MemoryStream buffer)
    {
        buffer.SetLength(0);
        buffer.Write(stackalloc byte[FrameHeaderLength]);
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(BatchKind);
            w.Write(ops.Count);
            foreach (var op in ops)
            {
                switch (op)
                {
                    case UpsertOp { Registration: var r }:
                        w.Write(UpsertWithHealthKind);
                        w.Write(r.Name);
                        WriteAddress(w, r.Address);
                        w.Write(r.Ttl);
                        w.Write(r.Owner);
                        w.Write(r.CreatedAt.UtcTicks);
                        w.Write(r.UpdatedAt.UtcTicks);
                        HealthCodec.Write(w, r);
                        break;
                    case DeleteOp d:
                        w.Write(DeleteKind);
                        w.Write(d.Name);
                        WriteAddress(w, d.Address);
                        break;
                }
            }
        }

        var frame = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        WriteFrameHeader(frame.Span);
        return frame;
    }

    /// <summary>
    /// Reads frames from the start of <paramref name="segment"/> up to <paramref name="limit"/>, stopping at
    /// the first torn or corrupt frame. Returns the batches in order and the length of the valid prefix.
    /// </summary>
    public static (List<IReadOnlyList<RegistrationOp>> Batches, long ValidLength, SegmentHeader? Header) Decode(
        ReadOnlySpan<byte> segment, long limit, DomainName origin)
    {
        var batches = new List<IReadOnlyList<RegistrationOp>>();
        SegmentHeader? header = null;
        var end = (int)Math.Min(limit, segment.Length);
        var offset = 0;
        while (end - offset >= FrameHeaderLength)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(segment[offset..]);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(segment[(offset + 4)..]);
            if (length == 0 || length > MaxPayloadLength || length > end - offset - FrameHeaderLength)
            {
                break;
            }

            var payload = segment.Slice(offset + FrameHeaderLength, (int)length);
            if (Crc32C.Compute(payload) != crc || !TryDecodePayload(payload.ToArray(), origin, batches, ref header))
            {
                break;
            }

            offset += FrameHeaderLength + (int)length;
        }

        return (batches, offset, header);
    }

    private static bool TryDecodePayload(byte[] payload, DomainName origin, List<IReadOnlyList<RegistrationOp>> batches, ref SegmentHeader? header)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
            switch (r.ReadByte())
            {
                case HeaderKind:
                    header = new SegmentHeader(r.ReadInt64(), r.ReadInt64());
                    return true;
                case BatchKind:
                    var count = r.ReadInt32();
                    var ops = new List<RegistrationOp>(Math.Min(count, 4096));
                    for (var i = 0; i < count; i++)
                    {
                        ops.Add(ReadOp(r, origin));
                    }

                    batches.Add(ops);
                    return true;
                default:
                    return false;
            }
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or IOException)
        {
            // A frame whose CRC matched but whose content does not decode is treated like a torn one.
            return false;
        }
    }

    private static RegistrationOp ReadOp(BinaryReader r, DomainName origin)
    {
        var kind = r.ReadByte();
        var name = r.ReadString();
        var address = ReadAddress(r);
        if (kind == DeleteKind)
        {
            return new DeleteOp(name, address);
        }

        if (kind is not (UpsertKind or UpsertWithHealthKind))
        {
            throw new FormatException($"unknown journal operation {kind}");
        }

        var ttl = r.ReadUInt32();
        var owner = r.ReadString();
        var created = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        var updated = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        var registration = new Registration
        {
            Name = name,
            Fqdn = DomainName.Parse(name, origin),
            Address = address,
            Ttl = ttl,
            Owner = owner,
            CreatedAt = created,
            UpdatedAt = updated,
        };
        return new UpsertOp(kind == UpsertWithHealthKind ? HealthCodec.Read(r, registration) : registration);
    }

    private static void WriteAddress(BinaryWriter w, IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        w.Write((byte)written);
        w.Write(bytes[..written]);
    }

    private static IPAddress ReadAddress(BinaryReader r)
    {
        var length = r.ReadByte();
        if (length is not (4 or 16))
        {
            throw new FormatException($"an address of {length} octets");
        }

        return new IPAddress(r.ReadBytes(length));
    }

    private static byte[] Frame(MemoryStream payload)
    {
        var frame = new byte[FrameHeaderLength + payload.Length];
        payload.GetBuffer().AsSpan(0, (int)payload.Length).CopyTo(frame.AsSpan(FrameHeaderLength));
        WriteFrameHeader(frame);
        return frame;
    }

    private static void WriteFrameHeader(Span<byte> frame)
    {
        var payload = frame[FrameHeaderLength..];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32C.Compute(payload));
    }
}

/// <summary>The first frame of every segment: how much of the previous segment is valid.</summary>
internal sealed record SegmentHeader(long PreviousSegment, long PreviousValidLength);
