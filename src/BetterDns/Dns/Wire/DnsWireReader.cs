using System.Buffers.Binary;

namespace BetterDns.Dns.Wire;

/// <summary>
/// A bounds-checked cursor over one DNS message. Every read is a Try: malformed input (short
/// packets, bad label types, pointer loops, over-long names) makes it return false with
/// <see cref="Error"/> set, never throw, so a hostile packet costs no more than a good one.
/// </summary>
public ref struct DnsWireReader(ReadOnlySpan<byte> message)
{
    /// <summary>RFC 1035 §2.3.4: a name is at most 255 octets in wire form.</summary>
    public const int MaxNameLength = 255;

    private readonly ReadOnlySpan<byte> _message = message;

    public int Position { get; private set; }

    public readonly int Remaining => _message.Length - Position;

    /// <summary>Why the last failed read failed, with the offset; null while all is well.</summary>
    public string? Error { get; private set; }

    public bool TryReadByte(out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return Fail("message ends inside a field");
        }

        value = _message[Position++];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (Remaining < 2)
        {
            value = 0;
            return Fail("message ends inside a 16-bit field");
        }

        value = BinaryPrimitives.ReadUInt16BigEndian(_message[Position..]);
        Position += 2;
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return Fail("message ends inside a 32-bit field");
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_message[Position..]);
        Position += 4;
        return true;
    }

    public bool TrySkip(int count)
    {
        if (count < 0 || Remaining < count)
        {
            return Fail("field runs past the end of the message");
        }

        Position += count;
        return true;
    }

    /// <summary>
    /// Reads a possibly compressed name and writes it flattened (uncompressed wire form, case as
    /// sent) into <paramref name="destination"/> (at least 255 octets). A compression pointer must
    /// point strictly before the label that holds it, which rules out loops, and (for a name after
    /// the header) not into the header; the flattened name must fit in 255 octets. The cursor ends after the name's first pointer or its root label.
    /// </summary>
    public bool TryReadName(scoped Span<byte> destination, out int length)
    {
        length = 0;
        var cursor = Position;
        var resumeAt = -1;
        var lowestPointerTarget = Position;
        while (true)
        {
            if (cursor >= _message.Length)
            {
                return Fail("name runs past the end of the message", cursor);
            }

            var labelLength = _message[cursor];
            switch (labelLength & 0xC0)
            {
                case 0x00:
                    if (length + 1 + labelLength > MaxNameLength || length + 1 + labelLength > destination.Length)
                    {
                        return Fail("name is longer than 255 octets", cursor);
                    }

                    if (cursor + 1 + labelLength > _message.Length)
                    {
                        return Fail("label runs past the end of the message", cursor);
                    }

                    _message.Slice(cursor, 1 + labelLength).CopyTo(destination[length..]);
                    length += 1 + labelLength;
                    cursor += 1 + labelLength;
                    if (labelLength == 0)
                    {
                        Position = resumeAt >= 0 ? resumeAt : cursor;
                        return true;
                    }

                    break;
                case 0xC0:
                    if (cursor + 2 > _message.Length)
                    {
                        return Fail("compression pointer runs past the end of the message", cursor);
                    }

                    var target = BinaryPrimitives.ReadUInt16BigEndian(_message[cursor..]) & 0x3FFF;
                    if (target >= lowestPointerTarget)
                    {
                        return Fail("compression pointer does not point backwards (a loop)", cursor);
                    }

                    if (target < DnsHeader.Length && Position >= DnsHeader.Length)
                    {
                        return Fail("compression pointer points into the header", cursor);
                    }

                    if (resumeAt < 0)
                    {
                        resumeAt = cursor + 2;
                    }

                    lowestPointerTarget = target;
                    cursor = target;
                    break;
                default:
                    return Fail($"label type 0x{labelLength & 0xC0:X2} is not supported", cursor);
            }
        }
    }

    /// <summary>Skips a (possibly compressed) name without copying it.</summary>
    public bool TrySkipName()
    {
        Span<byte> scratch = stackalloc byte[MaxNameLength];
        return TryReadName(scratch, out _);
    }

    private bool Fail(string error) => Fail(error, Position);

    private bool Fail(string error, int position)
    {
        Error = $"{error} (at octet {position})";
        return false;
    }
}
