using System.Diagnostics;
using System.Net;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// Who holds the TCP slots, so one client cannot hold them all (RFC 7766 §6.2.2, §6.2.3). A source
/// address gets at most <c>maxPerSource</c> connections; beyond that a new one is refused. When every
/// slot is taken, the connection idle longest makes room; once three quarters are taken ("pressure"),
/// connections idle longer than the short timeout are closed as new ones arrive, and the rest re-arm
/// with the short timeout. A real client (one connection, asking now) therefore always gets in.
/// </summary>
internal sealed class TcpConnectionTable(int maxConnections, int maxPerSource, TimeSpan idleUnderPressure)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perSource = [];
    private readonly HashSet<TcpConnection> _open = [];
    private readonly long _idleUnderPressureTicks = (long)(idleUnderPressure.TotalSeconds * Stopwatch.Frequency);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Three quarters of the slots in use: idle connections now give way quickly.</summary>
    public bool UnderPressure => Count * 4 >= maxConnections * 3;

    /// <summary>
    /// Takes a slot for <paramref name="connection"/>, or refuses it (false: its source holds its quota).
    /// The caller closes what was removed to make room: <paramref name="idle"/>, connections idle beyond
    /// the short timeout under pressure, and <paramref name="displaced"/>, the one idle longest when every slot was taken.
    /// </summary>
    public bool TryAdmit(TcpConnection connection, out List<TcpConnection>? idle, out TcpConnection? displaced)
    {
        idle = null;
        displaced = null;
        lock (_gate)
        {
            _perSource.TryGetValue(connection.Source, out var held);
            if (held >= maxPerSource)
            {
                return false;
            }

            if ((_count + 1) * 4 >= maxConnections * 3)
            {
                idle = RemoveIdle(Stopwatch.GetTimestamp() - _idleUnderPressureTicks);
            }

            if (_count >= maxConnections)
            {
                displaced = RemoveIdleLongest();
            }

            // Re-read: making room may have closed one of this source's own connections.
            _perSource[connection.Source] = _perSource.GetValueOrDefault(connection.Source) + 1;
            _open.Add(connection);
            Volatile.Write(ref _count, _count + 1);
            return true;
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

    private List<TcpConnection>? RemoveIdle(long idleSince)
    {
        List<TcpConnection>? idle = null;
        foreach (var candidate in _open)
        {
            if (candidate.LastActive < idleSince)
            {
                (idle ??= []).Add(candidate);
            }
        }

        foreach (var connection in idle ?? [])
        {
            Remove(connection);
        }

        return idle;
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
        Volatile.Write(ref _count, _count - 1);
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
