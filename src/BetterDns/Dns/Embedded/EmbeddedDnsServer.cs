using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using BetterDns.Dns.Wire;
using BetterDns.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// The sockets around <see cref="DnsResponder"/>: for every listen endpoint a UDP socket with a few
/// receives in flight and a TCP listener with one task per connection (length-prefixed messages,
/// several per connection, closed after an idle timeout). <see cref="StartAsync"/> binds everything
/// or throws; <see cref="StopAsync"/> closes the sockets and waits for every loop to end.
/// TCP slots are shared fairly (<see cref="TcpConnectionTable"/>); UDP responses may be rate limited
/// (<see cref="ResponseRateLimiter"/>, off by default).
/// </summary>
public sealed partial class EmbeddedDnsServer(
    DnsResponder responder, EmbeddedDnsOptions options, ILogger<EmbeddedDnsServer>? logger = null, BetterDnsMetrics? metrics = null)
    : IAsyncDisposable
{
    private const int MaxBindAttempts = 20;

    private readonly ILogger _logger = logger ?? NullLogger<EmbeddedDnsServer>.Instance;
    private readonly List<Socket> _sockets = [];
    private readonly List<Task> _loops = [];
    private readonly List<IPEndPoint> _bound = [];
    private readonly TcpConnectionTable _tcp = new(options.MaxTcpConnections, options.MaxTcpConnectionsPerSource, options.TcpIdleTimeout, options.TcpIdleTimeoutUnderPressure);
    private readonly ResponseRateLimiter? _rateLimiter = options.ResponseRateLimit.Enabled ? new(options.ResponseRateLimit) : null;
    private readonly BetterDnsMetrics _metrics = metrics ?? BetterDnsMetrics.Unobserved;
    private CancellationTokenSource? _stopping;
    private long _tcpRefused;
    private long _tcpEvicted;
    private long _rateLimitDropped;
    private long _rateLimitSlipped;

    /// <summary>The endpoints actually bound (port 0 resolved), each serving UDP and TCP.</summary>
    public IReadOnlyList<IPEndPoint> Endpoints => _bound;

    public DnsResponder Responder => responder;

    /// <summary>TCP connections open right now.</summary>
    public int TcpConnections => _tcp.Count;

    /// <summary>TCP connections closed at once since start: their source held <see cref="EmbeddedDnsOptions.MaxTcpConnectionsPerSource"/>.</summary>
    public long TcpRefused => Interlocked.Read(ref _tcpRefused);

    /// <summary>Idle TCP connections closed to make room since start.</summary>
    public long TcpEvicted => Interlocked.Read(ref _tcpEvicted);

    /// <summary>UDP responses the rate limit dropped since start.</summary>
    public long RateLimitDropped => Interlocked.Read(ref _rateLimitDropped);

    /// <summary>UDP responses the rate limit sent truncated (TC) instead since start.</summary>
    public long RateLimitSlipped => Interlocked.Read(ref _rateLimitSlipped);

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_stopping is not null)
        {
            throw new InvalidOperationException("the server is already started");
        }

        _stopping = new CancellationTokenSource();
        responder.Prepare();
        try
        {
            foreach (var endpoint in options.Endpoints())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (udp, tcp) = Bind(endpoint);
                _sockets.Add(udp);
                _sockets.Add(tcp);
                var bound = (IPEndPoint)udp.LocalEndPoint!;
                _bound.Add(bound);
                var receivers = options.UdpReceivers > 0 ? options.UdpReceivers : Environment.ProcessorCount;
                for (var i = 0; i < receivers; i++)
                {
                    _loops.Add(options.UdpLoop == UdpLoop.Threads
                        ? StartThread(() => ServeUdpBlocking(udp, _stopping.Token), $"dns-udp-{bound.Port}-{i}")
                        : Task.Run(() => ServeUdpAsync(udp, _stopping.Token), CancellationToken.None));
                }

                _loops.Add(Task.Run(() => AcceptTcpAsync(tcp, _stopping.Token), CancellationToken.None));
                LogListening(bound.ToString(), receivers);
            }
        }
        catch
        {
            CloseSockets();
            throw;
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopping is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        CloseSockets();
        await Task.WhenAll(_loops).WaitAsync(cancellationToken).ConfigureAwait(false);
        LogStopped();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping?.Dispose();
    }

    /// <summary>Binds UDP, then TCP on the same port; with port 0, retries until a port is free for both.</summary>
    private static (Socket Udp, Socket Tcp) Bind(IPEndPoint endpoint)
    {
        for (var attempt = 1; ; attempt++)
        {
            var udp = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            var tcp = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    udp.DualMode = false;
                    tcp.DualMode = false;
                }

                // A deep receive queue absorbs bursts; the kernel may cap it lower, which is fine.
                udp.ReceiveBufferSize = 4 << 20;
                udp.ReceiveTimeout = 1000;
                udp.Bind(endpoint);
                var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
                tcp.Bind(new IPEndPoint(endpoint.Address, port));
                tcp.Listen(512);
                return (udp, tcp);
            }
            catch (SocketException e) when (endpoint.Port == 0 && e.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < MaxBindAttempts)
            {
                udp.Dispose();
                tcp.Dispose();
            }
            catch (SocketException e)
            {
                udp.Dispose();
                tcp.Dispose();
                throw new InvalidOperationException($"cannot listen for DNS on {endpoint}: {e.Message}", e);
            }
        }
    }

    /// <summary>
    /// One receiver: a thread blocked in recvfrom, answering in place. Measured faster than the async
    /// loop on two cores (docs/benchmarks.md): no continuation, no thread-pool hop per datagram.
    /// Closing the socket wakes the thread; the receive timeout is a backstop for the stop check.
    /// </summary>
    private void ServeUdpBlocking(Socket socket, CancellationToken stopping)
    {
        var request = GC.AllocateUninitializedArray<byte>(DnsHeader.MaxMessageLength, pinned: true);
        var response = GC.AllocateUninitializedArray<byte>(responder.MaxUdpPayload, pinned: true);
        var peer = new SocketAddress(socket.AddressFamily);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var received = socket.ReceiveFrom(request, SocketFlags.None, peer);
                var length = RespondUdp(request.AsSpan(0, received), response, peer);
                if (length > 0)
                {
                    socket.SendTo(response.AsSpan(0, length), SocketFlags.None, peer);
                }
            }
            catch (Exception e) when (stopping.IsCancellationRequested && e is ObjectDisposedException or SocketException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                // The backstop timeout: look at the stop flag again.
            }
            catch (SocketException e)
            {
                LogUdpError(e.SocketErrorCode.ToString());
            }
        }
    }

    private static Task StartThread(Action loop, string name)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                loop();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>One receiver as an async loop over the socket's SocketAddress-based APIs.</summary>
    private async Task ServeUdpAsync(Socket socket, CancellationToken stopping)
    {
        var request = GC.AllocateUninitializedArray<byte>(DnsHeader.MaxMessageLength, pinned: true);
        var response = GC.AllocateUninitializedArray<byte>(responder.MaxUdpPayload, pinned: true);
        var peer = new SocketAddress(socket.AddressFamily);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var received = await socket.ReceiveFromAsync(request, SocketFlags.None, peer, stopping).ConfigureAwait(false);
                var length = RespondUdp(request.AsSpan(0, received), response, peer);
                if (length > 0)
                {
                    await socket.SendToAsync(response.AsMemory(0, length), SocketFlags.None, peer, stopping).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (stopping.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            catch (SocketException e)
            {
                // A peer's ICMP error surfaces on the next receive; it concerns that peer only.
                LogUdpError(e.SocketErrorCode.ToString());
            }
        }
    }

    /// <summary>
    /// Accepts every connection and lets <see cref="TcpConnectionTable"/> decide: over its source's quota it
    /// is closed at once; otherwise it gets a slot, idle connections making room when needed. Accepting
    /// (rather than leaving connections in the backlog while the slots are full) is what keeps one client
    /// holding every slot from locking everyone else out.
    /// </summary>
    private async Task AcceptTcpAsync(Socket listener, CancellationToken stopping)
    {
        var connections = new List<Task>();
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (stopping.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                break;
            }
            catch (SocketException e)
            {
                LogTcpError(e.SocketErrorCode.ToString());
                continue;
            }

            if (Admit(socket, stopping) is { } connection)
            {
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(ServeTcpAsync(connection));
            }
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private TcpConnection? Admit(Socket socket, CancellationToken stopping)
    {
        TcpConnection connection;
        try
        {
            var source = ((IPEndPoint)socket.RemoteEndPoint!).Address;
            connection = new TcpConnection(socket, source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source, stopping);
        }
        catch (SocketException)
        {
            // Gone between accept and now.
            socket.Dispose();
            return null;
        }

        if (!_tcp.TryAdmit(connection, out var displaced))
        {
            Interlocked.Increment(ref _tcpRefused);
            _metrics.DnsTcpRefused();
            LogTcpRefused(connection.Source, options.MaxTcpConnectionsPerSource);

            // An abortive close (RST): no TIME_WAIT left behind per refused connection of a flood.
            socket.LingerState = new LingerOption(true, 0);
            connection.Dispose();
            return null;
        }

        if (displaced is not null)
        {
            // Closing the socket ends the displaced connection's own loop, which then gives back its buffers.
            Interlocked.Increment(ref _tcpEvicted);
            _metrics.DnsTcpEvicted();
            displaced.Socket.Dispose();
        }

        return connection;
    }

    private async Task ServeTcpAsync(TcpConnection connection)
    {
        var socket = connection.Socket;
        var request = ArrayPool<byte>.Shared.Rent(DnsHeader.MaxMessageLength);
        var response = ArrayPool<byte>.Shared.Rent(2 + DnsHeader.MaxMessageLength);
        var idle = connection.Idle;
        try
        {
            socket.NoDelay = true;
            while (true)
            {
                _tcp.ArmIdleTimer(connection);
                if (!await ReceiveExactlyAsync(socket, request.AsMemory(0, 2), idle.Token).ConfigureAwait(false))
                {
                    return;
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(request);
                if (length == 0 || !await ReceiveExactlyAsync(socket, request.AsMemory(0, length), idle.Token).ConfigureAwait(false))
                {
                    return;
                }

                connection.Touch();
                var written = Respond(request.AsSpan(0, length), response.AsSpan(2), overTcp: true);
                if (written == 0)
                {
                    // Nothing to say to a response or a runt; a stream peer sending those is not a resolver.
                    return;
                }

                BinaryPrimitives.WriteUInt16BigEndian(response, (ushort)written);
                await socket.SendAsync(response.AsMemory(0, 2 + written), SocketFlags.None, idle.Token).ConfigureAwait(false);
                connection.Touch();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Idle timeout, shutdown, closed to make room, or the client went away: close quietly.
        }
        finally
        {
            _tcp.Release(connection);
            connection.Dispose();
            ArrayPool<byte>.Shared.Return(request);
            ArrayPool<byte>.Shared.Return(response);
        }
    }

    /// <summary>Fills <paramref name="buffer"/>; false when the peer closed the stream cleanly before it was full.</summary>
    private static async ValueTask<bool> ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    /// <summary>A UDP answer, through the rate limit when it is on (TCP never is: its source is verified and it cannot amplify).</summary>
    private int RespondUdp(ReadOnlySpan<byte> request, Span<byte> response, SocketAddress peer)
    {
        var length = Respond(request, response, overTcp: false);
        if (_rateLimiter is null || length == 0)
        {
            return length;
        }

        length = _rateLimiter.Apply(peer, response, length, out var verdict);
        if (verdict != RateLimitVerdict.Send)
        {
            Interlocked.Increment(ref verdict == RateLimitVerdict.Slip ? ref _rateLimitSlipped : ref _rateLimitDropped);
            _metrics.DnsRateLimited(slipped: verdict == RateLimitVerdict.Slip);
        }

        return length;
    }

    private int Respond(ReadOnlySpan<byte> request, Span<byte> response, bool overTcp)
    {
        try
        {
            return responder.Respond(request, response, overTcp);
        }
        catch (Exception e)
        {
            // A failure (a bug, a zone source that throws) costs one answer, never the loop serving everyone else.
            LogResponderFailed(e);
            return DnsResponder.WriteServerFailure(request, response);
        }
    }

    private void CloseSockets()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded DNS listening on {Endpoint} (UDP with {Receivers} receivers, and TCP)")]
    private partial void LogListening(string endpoint, int receivers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded DNS stopped")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Debug, Message = "UDP receive error {Error}; serving on")]
    private partial void LogUdpError(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TCP accept error {Error}; accepting on")]
    private partial void LogTcpError(string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "TCP connection from {Source} closed at once: it holds {Quota} connections already")]
    private partial void LogTcpRefused(IPAddress source, int quota);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed to answer a query; answered SERVFAIL")]
    private partial void LogResponderFailed(Exception exception);
}
