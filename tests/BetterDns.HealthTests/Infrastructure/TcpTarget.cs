using System.Net;
using System.Net.Sockets;

namespace BetterDns.HealthTests.Infrastructure;

/// <summary>A TCP listener on loopback that accepts and closes; stopped, connections are refused.</summary>
public sealed class TcpTarget : IDisposable
{
    private TcpListener? _listener;

    public TcpTarget(IPAddress address)
    {
        Address = address;
        Start(0);
    }

    public IPAddress Address { get; }

    public int Port { get; private set; }

    public void Start() => Start(Port);

    public void Stop()
    {
        _listener?.Stop();
        _listener = null;
    }

    private void Start(int port)
    {
        var listener = new TcpListener(Address, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        // The kernel completes the handshake from the backlog; nobody needs to accept for a connect to pass.
        listener.Start(1024);
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
    }

    public void Dispose() => Stop();
}
