using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BetterDns.HealthTests.Infrastructure;

/// <summary>
/// An HTTP/1.1 server on loopback that keeps connections open between requests (as web servers do) and
/// counts the connections it accepted and the requests it answered. Stopping it closes the listener and
/// every open connection, as a process that dies does; it can start again on the same port.
/// </summary>
public sealed class KeepAliveHttpTarget : IDisposable
{
    private static readonly byte[] Alive = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nalive");
    private readonly ConcurrentDictionary<Socket, bool> _open = new();
    private Socket? _listener;
    private int _connections;
    private int _requests;

    public KeepAliveHttpTarget(IPAddress address)
    {
        Address = address;
        Start(0);
    }

    public IPAddress Address { get; }

    public int Port { get; private set; }

    public int Connections => Volatile.Read(ref _connections);

    public int Requests => Volatile.Read(ref _requests);

    public void Start() => Start(Port);

    public void Stop()
    {
        _listener?.Dispose();
        _listener = null;
        foreach (var connection in _open.Keys)
        {
            connection.Dispose();
        }
    }

    private void Start(int port)
    {
        var listener = new Socket(Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(Address, port));
        listener.Listen(64);
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    private async Task AcceptAsync(Socket listener)
    {
        try
        {
            while (true)
            {
                var connection = await listener.AcceptAsync();
                Interlocked.Increment(ref _connections);
                _open[connection] = true;
                _ = ServeAsync(connection);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        {
            try
            {
                var buffer = new byte[4096];
                while (true)
                {
                    var seen = 0;
                    while (buffer.AsSpan(0, seen).IndexOf("\r\n\r\n"u8) < 0)
                    {
                        var read = seen < buffer.Length ? await connection.ReceiveAsync(buffer.AsMemory(seen)) : 0;
                        if (read == 0)
                        {
                            return;
                        }

                        seen += read;
                    }

                    Interlocked.Increment(ref _requests);
                    await connection.SendAsync(Alive);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
            finally
            {
                _open.TryRemove(connection, out _);
            }
        }
    }

    public void Dispose() => Stop();
}
