using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WriteLoad;

/// <summary>A minimal DNS client: one A query over UDP, and whether the answer holds a given address.</summary>
public sealed class UdpProbe(IPEndPoint server) : IDisposable
{
    private readonly Socket _socket = Connect(server);
    private readonly byte[] _reply = new byte[4096];
    private ushort _id = (ushort)Random.Shared.Next(65536);

    /// <summary>Sends one query and waits up to <paramref name="wait"/> for its reply (a late reply to an earlier query is skipped).</summary>
    public async Task<bool> AnswersAsync(string fqdn, IPAddress address, TimeSpan wait, CancellationToken cancel)
    {
        var id = ++_id;
        await _socket.SendAsync(Query(id, fqdn), SocketFlags.None, cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
        while (true)
        {
            int length;
            try
            {
                length = await _socket.ReceiveAsync(_reply, SocketFlags.None, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                return false;
            }

            if (length >= 12 && BinaryPrimitives.ReadUInt16BigEndian(_reply) == id)
            {
                return Contains(_reply.AsSpan(0, length), address);
            }
        }
    }

    /// <summary>
    /// The same, blocking this thread: the reply wakes it directly instead of queueing a continuation behind the
    /// other clients' work in this process, so under load the figure is the server's delay, not the client's.
    /// </summary>
    public bool Answers(string fqdn, IPAddress address, TimeSpan wait)
    {
        var id = ++_id;
        _socket.Send(Query(id, fqdn));
        var deadline = Stopwatch.GetTimestamp() + (long)(Math.Max(wait.TotalSeconds, 0.001) * Stopwatch.Frequency);
        while (true)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero || !_socket.Poll(left, SelectMode.SelectRead))
            {
                return false;
            }

            var length = _socket.Receive(_reply);
            if (length >= 12 && BinaryPrimitives.ReadUInt16BigEndian(_reply) == id)
            {
                return Contains(_reply.AsSpan(0, length), address);
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private static Socket Connect(IPEndPoint server)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(server);
        return socket;
    }

    private static byte[] Query(ushort id, string fqdn)
    {
        var packet = new List<byte>(64);
        packet.AddRange([(byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
        foreach (var label in fqdn.TrimEnd('.').Split('.'))
        {
            packet.Add((byte)label.Length);
            packet.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }

        packet.AddRange([0, 0, 1, 0, 1]);
        return [.. packet];
    }

    // Walks the answer section for an A record with the address; any malformed reply counts as "not yet".
    private static bool Contains(ReadOnlySpan<byte> reply, IPAddress address)
    {
        var answers = BinaryPrimitives.ReadUInt16BigEndian(reply[6..]);
        var questions = BinaryPrimitives.ReadUInt16BigEndian(reply[4..]);
        var offset = 12;
        Span<byte> wanted = stackalloc byte[4];
        address.TryWriteBytes(wanted, out _);
        for (var q = 0; q < questions; q++)
        {
            if (!SkipName(reply, ref offset) || offset + 4 > reply.Length)
            {
                return false;
            }

            offset += 4;
        }

        for (var a = 0; a < answers; a++)
        {
            if (!SkipName(reply, ref offset) || offset + 10 > reply.Length)
            {
                return false;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(reply[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(reply[(offset + 8)..]);
            offset += 10;
            if (offset + length > reply.Length)
            {
                return false;
            }

            if (type == 1 && length == 4 && reply.Slice(offset, 4).SequenceEqual(wanted))
            {
                return true;
            }

            offset += length;
        }

        return false;
    }

    private static bool SkipName(ReadOnlySpan<byte> reply, ref int offset)
    {
        while (offset < reply.Length)
        {
            var length = reply[offset];
            if (length == 0)
            {
                offset++;
                return true;
            }

            if ((length & 0xC0) == 0xC0)
            {
                offset += 2;
                return true;
            }

            offset += 1 + length;
        }

        return false;
    }
}
