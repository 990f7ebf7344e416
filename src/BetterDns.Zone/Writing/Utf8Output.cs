using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace BetterDns.Zone.Writing;

/// <summary>A buffered UTF-8 sink for the writer: chars are encoded straight into a pooled buffer.</summary>
internal sealed class Utf8Output(Stream stream) : IDisposable
{
    private const int Size = 1 << 16;

    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(Size);
    private int _used;

    public void Write(ReadOnlySpan<char> text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > _buffer.Length - _used)
        {
            Flush();
            if (most > _buffer.Length)
            {
                stream.Write(Encoding.UTF8.GetBytes(text.ToArray()));
                return;
            }
        }

        _used += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
    }

    /// <summary>A name's text as it is held (octets are copied as they are).</summary>
    public void Write(Model.NameText text)
    {
        var most = text.Length * 3;
        if (most > _buffer.Length - _used)
        {
            Flush();
            if (most > _buffer.Length)
            {
                Write(text.ToString());
                return;
            }
        }

        _used += text.CopyTo(_buffer.AsSpan(_used));
    }

    public void Write(byte ascii)
    {
        if (_used == _buffer.Length)
        {
            Flush();
        }

        _buffer[_used++] = ascii;
    }

    public void Write(uint number)
    {
        if (_buffer.Length - _used < 10)
        {
            Flush();
        }

        Utf8Formatter.TryFormat(number, _buffer.AsSpan(_used), out var written);
        _used += written;
    }

    /// <summary>An octet string quoted as <see cref="Model.CharacterString.Quote"/> does it.</summary>
    public void WriteQuoted(string octets)
    {
        if (_buffer.Length - _used < (octets.Length * 4) + 2)
        {
            Flush();
            if ((octets.Length * 4) + 2 > _buffer.Length)
            {
                Write(Model.CharacterString.Quote(octets));
                return;
            }
        }

        var span = _buffer.AsSpan();
        var n = _used;
        span[n++] = (byte)'"';
        foreach (var c in octets)
        {
            switch (c)
            {
                case '"' or '\\':
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)c;
                    break;
                case >= ' ' and < '\x7f':
                    span[n++] = (byte)c;
                    break;
                default:
                    var v = (int)c & 0xff;
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)('0' + (v / 100));
                    span[n++] = (byte)('0' + (v / 10 % 10));
                    span[n++] = (byte)('0' + (v % 10));
                    break;
            }
        }

        span[n++] = (byte)'"';
        _used = n;
    }

    public void Spaces(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Write((byte)' ');
        }
    }

    public void Flush()
    {
        stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        Flush();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}
