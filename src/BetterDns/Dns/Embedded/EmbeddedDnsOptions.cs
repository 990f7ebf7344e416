using System.Net;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// Settings of the embedded DNS server. <c>Dns:Listen</c> is shared with the other bridges; the
/// tuning knobs live under <c>Dns:Embedded</c>.
/// </summary>
public sealed class EmbeddedDnsOptions
{
    public const string DefaultListen = "127.0.0.1:5053";
    public const int DefaultMaxUdpPayload = 1232;

    /// <summary>
    /// Endpoints to answer on, UDP and TCP each: "127.0.0.1:5053", "[::1]:5053". Port 0 picks a free
    /// port (the same one for UDP and TCP), which tests use. Configured as a list or a comma-separated string.
    /// </summary>
    public List<string> Listen { get; set; } = [];

    /// <summary>
    /// The largest UDP response, whatever a client advertises (the DNS flag day 2020 value by default:
    /// it avoids IP fragmentation). Between 512 and 4096.
    /// </summary>
    public int MaxUdpPayload { get; set; } = DefaultMaxUdpPayload;

    /// <summary>A TCP connection with no new query for this long is closed (RFC 7766 §6.2.3).</summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// TCP connections served at once. A connection beyond it closes the one idle longest to make room,
    /// so a client holding every slot cannot keep others out (RFC 7766 §6.2.3).
    /// </summary>
    public int MaxTcpConnections { get; set; } = 256;

    /// <summary>
    /// TCP connections one source address may hold at once; one more is closed at once. RFC 7766 §6.2.2
    /// asks clients for one connection and servers for a much looser per-client limit (NAT, resolver farms).
    /// </summary>
    public int MaxTcpConnectionsPerSource { get; set; } = 16;

    /// <summary>
    /// The idle timeout once three quarters of <see cref="MaxTcpConnections"/> are in use: idle connections
    /// give way quickly under pressure (RFC 7766 §6.2.3). At most <see cref="TcpIdleTimeout"/>.
    /// </summary>
    public TimeSpan TcpIdleTimeoutUnderPressure { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Response rate limiting over UDP, after BIND's RRL; off by default.</summary>
    public ResponseRateLimitOptions ResponseRateLimit { get; set; } = new();

    /// <summary>Receivers per UDP socket (0: one per processor).</summary>
    public int UdpReceivers { get; set; }

    /// <summary>How UDP receivers wait for datagrams; <see cref="UdpLoop.Threads"/> is the faster here.</summary>
    public UdpLoop UdpLoop { get; set; } = UdpLoop.Threads;

    /// <summary>The endpoints, parsed; <see cref="Validate"/> has checked they parse.</summary>
    public IReadOnlyList<IPEndPoint> Endpoints() =>
        [.. (Listen.Count == 0 ? [DefaultListen] : Listen).Select(IPEndPoint.Parse)];

    /// <summary>Every problem with these settings, as a person would fix it; empty when they are good.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var text in Listen)
        {
            // IPEndPoint.TryParse accepts a bare address (port 0): insist on an explicit port.
            var hasPort = text.StartsWith('[') ? text.Contains("]:", StringComparison.Ordinal) : text.Count(c => c == ':') == 1;
            if (!hasPort || !IPEndPoint.TryParse(text, out _))
            {
                yield return $"Dns:Listen entry '{text}' is not an address with a port, such as 127.0.0.1:5053 or [::1]:5053";
            }
        }

        if (MaxUdpPayload is < 512 or > 4096)
        {
            yield return $"Dns:Embedded:MaxUdpPayload is {MaxUdpPayload}; it must be between 512 and 4096";
        }

        if (TcpIdleTimeout <= TimeSpan.Zero)
        {
            yield return "Dns:Embedded:TcpIdleTimeout must be positive";
        }

        if (MaxTcpConnections < 1)
        {
            yield return "Dns:Embedded:MaxTcpConnections must be at least 1";
        }

        if (MaxTcpConnectionsPerSource < 1 || MaxTcpConnectionsPerSource > MaxTcpConnections)
        {
            yield return $"Dns:Embedded:MaxTcpConnectionsPerSource is {MaxTcpConnectionsPerSource}; it must be between 1 and Dns:Embedded:MaxTcpConnections ({MaxTcpConnections})";
        }

        if (TcpIdleTimeoutUnderPressure <= TimeSpan.Zero || TcpIdleTimeoutUnderPressure > TcpIdleTimeout)
        {
            yield return "Dns:Embedded:TcpIdleTimeoutUnderPressure must be positive and at most Dns:Embedded:TcpIdleTimeout";
        }

        foreach (var problem in ResponseRateLimit.Validate())
        {
            yield return problem;
        }

        if (UdpReceivers < 0)
        {
            yield return "Dns:Embedded:UdpReceivers must be 0 (one per processor) or more";
        }
    }
}
