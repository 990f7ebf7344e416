namespace BetterDns.Dns.Embedded;

/// <summary>How the embedded server's UDP receivers wait for datagrams.</summary>
public enum UdpLoop
{
    /// <summary>A dedicated thread per receiver, blocked in recvfrom (the default: fastest measured).</summary>
    Threads,

    /// <summary>An async loop per receiver (ReceiveFromAsync with a reused SocketAddress).</summary>
    Async,
}
