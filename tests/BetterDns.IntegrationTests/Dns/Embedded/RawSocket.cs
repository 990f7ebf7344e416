using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>Sends hand-built octets over UDP or TCP and reads what comes back, with a deadline.</summary>
internal static class RawSocket
{
    /// <summary>The reply to one datagram, or null when none came within <paramref name="wait"/>.</summary>
    public static async Task<byte[]?> UdpAsync(IPEndPoint server, byte[] message, TimeSpan? wait = null)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(server);
        await socket.SendAsync(message);
        var buffer = new byte[65535];
        using var timeout = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(3));
        try
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return buffer[..received];
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>A TCP connection to <paramref name="server"/>, from <paramref name="from"/> when given (any 127/8 address is local on Linux).</summary>
    public static async Task<Socket> ConnectTcpAsync(IPEndPoint server, IPAddress? from = null)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (from is not null)
            {
                socket.Bind(new IPEndPoint(from, 0));
            }

            await socket.ConnectAsync(server);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one framed query on <paramref name="socket"/> and reads the framed reply (null when the server closed the connection).</summary>
    public static async Task<byte[]?> ExchangeAsync(Socket socket, byte[] query, TimeSpan? wait = null)
    {
        try
        {
            await socket.SendAsync(Framed(query));
        }
        catch (SocketException)
        {
            return null;
        }

        return await ReadFramedAsync(socket, wait);
    }

    public static byte[] Framed(byte[] message) => [(byte)(message.Length >> 8), (byte)message.Length, .. message];

    /// <summary>One length-prefixed message from a TCP stream, or null when the server closed (or reset) it.</summary>
    public static async Task<byte[]?> ReadFramedAsync(Socket socket, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(5));
        try
        {
            var prefix = new byte[2];
            if (!await ReadExactlyAsync(socket, prefix, timeout.Token))
            {
                return null;
            }

            var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
            return await ReadExactlyAsync(socket, message, timeout.Token) ? message : null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return null;
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
