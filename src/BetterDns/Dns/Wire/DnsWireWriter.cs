using System.Buffers.Binary;

namespace BetterDns.Dns.Wire;

/// <summary>
/// Writes a DNS message into a fixed buffer up to a size limit, with RFC 1035 §4.1.4 name
/// compression. Every write is a Try that leaves the writer unchanged when it does not fit, so a
/// caller can try a whole record, and on failure roll back with <see cref="Mark"/>/<see cref="Reset"/>
/// and set TC. Compression matches names ignoring ASCII case, as every DNS server does.
/// </summary>
public ref struct DnsWireWriter
{
    /// <summary>Offsets above this cannot be the target of a 14-bit pointer.</summary>
    private const int MaxPointerTarget = 0x3FFF;

    private readonly Span<byte> _buffer;
    private readonly Span<ushort> _names;
    private int _nameCount;
    private int _limit;

    /// <param name="buffer">The message buffer; <paramref name="limit"/> octets of it may be used.</param>
    /// <param name="limit">The largest message allowed (512, the EDNS size, or 65535 over TCP).</param>
    /// <param name="compressionTable">Scratch space for the offsets of names written so far; 64 is plenty.</param>
    public DnsWireWriter(Span<byte> buffer, int limit, Span<ushort> compressionTable)
    {
        _buffer = buffer;
        _limit = Math.Min(limit, buffer.Length);
        _names = compressionTable;
    }

    public int Position { get; private set; }

    public readonly int Limit => _limit;

    /// <summary>Holds back <paramref name="octets"/> at the end (room for the OPT record written last).</summary>
    public void Reserve(int octets) => _limit -= octets;

    /// <summary>Gives back what <see cref="Reserve"/> held.</summary>
    public void Release(int octets) => _limit += octets;

    /// <summary>The octets written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[..Position];

    /// <summary>A point to come back to: the position and the compression entries known there.</summary>
    public readonly (int Position, int Names) Mark() => (Position, _nameCount);

    public void Reset((int Position, int Names) mark)
    {
        Position = mark.Position;
        _nameCount = mark.Names;
    }

    /// <summary>Lets names already in the buffer (a question copied verbatim) be compression targets.</summary>
    public void RegisterName(int offset)
    {
        if (offset <= MaxPointerTarget && _nameCount < _names.Length)
        {
            _names[_nameCount++] = (ushort)offset;
        }
    }

    public bool TryWriteByte(byte value)
    {
        if (Position + 1 > _limit)
        {
            return false;
        }

        _buffer[Position++] = value;
        return true;
    }

    public bool TryWriteUInt16(ushort value)
    {
        if (Position + 2 > _limit)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer[Position..], value);
        Position += 2;
        return true;
    }

    public bool TryWriteUInt32(uint value)
    {
        if (Position + 4 > _limit)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(_buffer[Position..], value);
        Position += 4;
        return true;
    }

    public bool TryWriteBytes(ReadOnlySpan<byte> value)
    {
        if (Position + value.Length > _limit)
        {
            return false;
        }

        value.CopyTo(_buffer[Position..]);
        Position += value.Length;
        return true;
    }

    /// <summary>Overwrites a 16-bit field written earlier (counts, RDLENGTH).</summary>
    public readonly void PatchUInt16(int offset, ushort value) =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[offset..], value);

    /// <summary>
    /// Writes an uncompressed wire-form name (labels ending in the root label). With
    /// <paramref name="compress"/>, the longest suffix already in the message becomes a pointer
    /// (RFC 3597 §4 allows that only for the RFC 1035 types; SRV and DNAME targets are written whole).
    /// Either way the name's labels become targets for later names.
    /// </summary>
    public bool TryWriteName(ReadOnlySpan<byte> name, bool compress = true)
    {
        var start = Position;
        var names = _nameCount;
        var offset = 0;
        while (offset < name.Length && name[offset] != 0)
        {
            var suffix = name[offset..];
            if (compress && FindSuffix(suffix) is var target and >= 0)
            {
                if (!TryWriteUInt16((ushort)(0xC000 | target)))
                {
                    return Rollback(start, names);
                }

                return true;
            }

            var labelLength = 1 + name[offset];
            if (Position + labelLength > _limit)
            {
                return Rollback(start, names);
            }

            RegisterName(Position);
            name.Slice(offset, labelLength).CopyTo(_buffer[Position..]);
            Position += labelLength;
            offset += labelLength;
        }

        return TryWriteByte(0) || Rollback(start, names);
    }

    private bool Rollback(int position, int names)
    {
        Position = position;
        _nameCount = names;
        return false;
    }

    private readonly int FindSuffix(ReadOnlySpan<byte> suffix)
    {
        for (var i = 0; i < _nameCount; i++)
        {
            if (NameAtEquals(_names[i], suffix))
            {
                return _names[i];
            }
        }

        return -1;
    }

    /// <summary>Compares the name at <paramref name="offset"/> (following our own pointers) with a flat name.</summary>
    private readonly bool NameAtEquals(int offset, ReadOnlySpan<byte> flat)
    {
        var at = 0;
        for (var hops = 0; hops < 128;)
        {
            var length = _buffer[offset];
            if ((length & 0xC0) == 0xC0)
            {
                offset = ((length & 0x3F) << 8) | _buffer[offset + 1];
                hops++;
                continue;
            }

            if (at >= flat.Length || flat[at] != length)
            {
                return false;
            }

            if (length == 0)
            {
                return true;
            }

            if (!AsciiEqualsIgnoreCase(_buffer.Slice(offset + 1, length), flat.Slice(at + 1, length)))
            {
                return false;
            }

            offset += 1 + length;
            at += 1 + length;
        }

        return false;
    }

    private static bool AsciiEqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && WireName.ToLowerAscii(a[i]) != WireName.ToLowerAscii(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
