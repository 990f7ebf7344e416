using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BetterDns.Dns.Embedded;

/// <summary>One accepted DNS-over-TCP connection as <see cref="TcpConnectionTable"/> sees it: who, and idle since when.</summary>
internal sealed class TcpConnection(Socket socket, IPAddress source)
{
    private long _lastActive = Stopwatch.GetTimestamp();

    public Socket Socket { get; } = socket;

    public IPAddress Source { get; } = source;

    /// <summary>When the last query arrived or the last answer left (a <see cref="Stopwatch"/> timestamp).</summary>
    public long LastActive => Volatile.Read(ref _lastActive);

    /// <summary>Set under the table's lock when the connection leaves the table (closed, or chosen to make room).</summary>
    public bool Removed { get; set; }

    public void Touch() => Volatile.Write(ref _lastActive, Stopwatch.GetTimestamp());
}
