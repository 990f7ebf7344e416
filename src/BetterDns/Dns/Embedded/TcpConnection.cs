using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// One accepted DNS-over-TCP connection as <see cref="TcpConnectionTable"/> sees it: who, idle since when,
/// and the idle timer its loop waits under (which the table may shorten under pressure).
/// </summary>
internal sealed class TcpConnection(Socket socket, IPAddress source, CancellationToken stopping) : IDisposable
{
    private long _lastActive = Stopwatch.GetTimestamp();

    public Socket Socket { get; } = socket;

    public IPAddress Source { get; } = source;

    /// <summary>Cancelled when the connection has been idle too long, or the server stops.</summary>
    public CancellationTokenSource Idle { get; } = CancellationTokenSource.CreateLinkedTokenSource(stopping);

    /// <summary>When <see cref="Idle"/> fires (a <see cref="Stopwatch"/> timestamp); only the table reads and writes it, under its lock.</summary>
    public long IdleDeadline { get; set; } = long.MaxValue;

    /// <summary>When the last query arrived or the last answer left (a <see cref="Stopwatch"/> timestamp).</summary>
    public long LastActive => Volatile.Read(ref _lastActive);

    /// <summary>Set under the table's lock when the connection leaves the table (closed, or chosen to make room).</summary>
    public bool Removed { get; set; }

    public void Touch() => Volatile.Write(ref _lastActive, Stopwatch.GetTimestamp());

    public void Dispose()
    {
        Socket.Dispose();
        Idle.Dispose();
    }
}
