using System.Net;

namespace BetterDns.Dns.Bridges;

/// <summary>
/// The DNS server the controller drives, whatever it is (CoreDNS, BIND, Knot, the embedded server).
/// Small on purpose, like CoreDNS's plugin Handler: a new server is one folder with one class.
/// </summary>
public interface IDnsServerBridge
{
    /// <summary>A short name for logs and health data ("coredns", "named", "embedded").</summary>
    string Name { get; }

    /// <summary>Where the server answers DNS; the controller probes and verifies here.</summary>
    IPEndPoint ProbeEndpoint { get; }

    /// <summary>What the server is doing now, and how often it had to be restarted.</summary>
    DnsServerStatus Status { get; }

    /// <summary>Starts the server; returns once it is started (answering is reported by <see cref="CheckHealthAsync"/>).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops the server cleanly; nothing of it is left running afterwards.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Makes the server read the zone again (a reload command or signal; a no-op where it reads by itself).</summary>
    Task ReloadAsync(CancellationToken cancellationToken);

    /// <summary>Stops and starts the server; returns once the new one answers (or its start timeout passed).</summary>
    Task RestartAsync(CancellationToken cancellationToken);

    /// <summary>Asks the server whether it answers now (for CoreDNS also its <c>ready</c> endpoint).</summary>
    Task<DnsServerHealth> CheckHealthAsync(CancellationToken cancellationToken);
}
