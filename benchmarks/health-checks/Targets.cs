using System.Net;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// Loopback targets for the benchmark: accept, then answer HTTP requests with "alive" on the connection
/// until the client closes it (keep-alive, as web servers do), or for TCP targets just close.
/// </summary>
internal sealed class Target : IDisposable
{
    private static readonly byte[] Alive = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nalive");
    private readonly Socket _listener;
    private readonly bool _http;

    public Target(IPAddress address, bool http)
    {
        _http = http;
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(address, 0));
        _listener.Listen(4096);
        Address = address;
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _ = AcceptAsync();
    }

    public IPAddress Address { get; }

    public int Port { get; }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptAsync();
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                var buffer = new byte[4096];
                while (_http)
                {
                    var seen = 0;
                    while (buffer.AsSpan(0, seen).IndexOf("\r\n\r\n"u8) < 0)
                    {
                        if (seen == buffer.Length)
                        {
                            return;
                        }

                        var read = await client.ReceiveAsync(buffer.AsMemory(seen));
                        if (read == 0)
                        {
                            return;
                        }

                        seen += read;
                    }

                    // The checker's GETs carry no body and are not pipelined: one request per read head.
                    await client.SendAsync(Alive);
                }
            }
            catch (SocketException)
            {
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
