using System.Diagnostics;
using System.Net;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// Who holds the TCP slots, so one client cannot hold them all (RFC 7766 §6.2.2, §6.2.3). A source
/// address gets at most <c>maxPerSource</c> connections; beyond that a new one is refused. Once three
/// quarters of the slots are taken ("pressure"), every idle timer is cut to the short timeout; when
/// every slot is taken, the connection idle longest makes room. A real client (one connection, asking
/// now) therefore always gets in, and an idle crowd drains within the short timeout.
/// </summary>
internal sealed class TcpConnectionTable(int maxConnections, int maxPerSource, TimeSpan idleTimeout, TimeSpan idleUnderPressure)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perSource = [];
    private readonly HashSet<TcpConnection> _open = [];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Three quarters of the slots taken (read under the lock).</summary>
    private bool UnderPressure => _count * 4 >= maxConnections * 3;

    /// <summary>
    /// Takes a slot for <paramref name="connection"/>, or refuses it (false: its source holds its quota).
    /// When every slot was taken, <paramref name="displaced"/> is the connection idle longest, removed to
    /// make room, for the caller to close.
    /// </summary>
    public bool TryAdmit(TcpConnection connection, out TcpConnection? displaced)
    {
        displaced = null;
        lock (_gate)
        {
            if (_perSource.GetValueOrDefault(connection.Source) >= maxPerSource)
            {
                return false;
            }

            if (_count >= maxConnections)
            {
                displaced = RemoveIdleLongest();
            }

            _perSource[connection.Source] = _perSource.GetValueOrDefault(connection.Source) + 1;
            _open.Add(connection);
            _count++;
            if (UnderPressure)
            {
                var soon = Stopwatch.GetTimestamp() + Ticks(idleUnderPressure);
                foreach (var open in _open)
                {
                    if (open.IdleDeadline > soon && open != connection)
                    {
                        Arm(open, idleUnderPressure);
                    }
                }
            }

            return true;
        }
    }

    /// <summary>Starts the connection's idle timer for its next query: the usual timeout, or the short one under pressure.</summary>
    public void ArmIdleTimer(TcpConnection connection)
    {
        lock (_gate)
        {
            Arm(connection, UnderPressure ? idleUnderPressure : idleTimeout);
        }
    }

    /// <summary>Gives the slot back; a connection already removed to make room is not counted twice.</summary>
    public void Release(TcpConnection connection)
    {
        lock (_gate)
        {
            if (!connection.Removed)
            {
                Remove(connection);
            }
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static void Arm(TcpConnection connection, TimeSpan timeout)
    {
        connection.IdleDeadline = Stopwatch.GetTimestamp() + Ticks(timeout);
        connection.Idle.CancelAfter(timeout);
    }

    private TcpConnection RemoveIdleLongest()
    {
        TcpConnection? oldest = null;
        foreach (var candidate in _open)
        {
            if (oldest is null || candidate.LastActive < oldest.LastActive)
            {
                oldest = candidate;
            }
        }

        Remove(oldest!);
        return oldest!;
    }

    private void Remove(TcpConnection connection)
    {
        connection.Removed = true;
        _open.Remove(connection);
        _count--;
        var held = _perSource[connection.Source] - 1;
        if (held == 0)
        {
            _perSource.Remove(connection.Source);
        }
        else
        {
            _perSource[connection.Source] = held;
        }
    }
}
