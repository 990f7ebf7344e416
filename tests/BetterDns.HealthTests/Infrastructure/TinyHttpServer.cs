using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BetterDns.HealthTests.Infrastructure;

/// <summary>
/// A minimal HTTP/1.1 server on a real loopback socket that a test can stop (connections refused) and
/// start again on the same address and port. It records every request it read.
/// </summary>
public sealed class TinyHttpServer : IAsyncDisposable
{
    private readonly Func<Request, Task<(int Status, string Body)>> _answer;
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task? _accepting;

    public TinyHttpServer(IPAddress address, Func<Request, Task<(int Status, string Body)>> answer)
    {
        _answer = answer;
        Address = address;
        Start(0);
    }

    public sealed record Request(string Method, string Path, string? Host, string Body);

    public IPAddress Address { get; }

    public int Port { get; private set; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public string Url => $"http://{Address}:{Port}";

    public static TinyHttpServer Answering(IPAddress address, string body) => new(address, _ => Task.FromResult((200, body)));

    public void Start() => Start(Port);

    public async Task StopAsync()
    {
        _stop?.Cancel();
        _listener?.Stop();
        if (_accepting is not null)
        {
            await _accepting;
        }

        _listener = null;
    }

    private void Start(int port)
    {
        var listener = new TcpListener(Address, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _stop = new CancellationTokenSource();
        _accepting = AcceptAsync(listener, _stop.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop);
                _ = ServeAsync(client, stop);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                {
                    if (await stream.ReadAsync(buffer, stop) == 0)
                    {
                        return;
                    }

                    head.Append((char)buffer[0]);
                }

                var lines = head.ToString().Split("\r\n");
                var requestLine = lines[0].Split(' ');
                string? Header(string name) => lines.Skip(1)
                    .Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
                    .Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();
                var length = int.Parse(Header("Content-Length") ?? "0");
                var body = new byte[length];
                await stream.ReadExactlyAsync(body, stop);
                var request = new Request(requestLine[0], requestLine[1], Header("Host"), Encoding.UTF8.GetString(body));
                Requests.Enqueue(request);
                var (status, answer) = await _answer(request);
                var bytes = Encoding.UTF8.GetBytes(answer);
                var response = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(response, stop);
                await stream.WriteAsync(bytes, stop);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or EndOfStreamException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
