using BetterDns.Dns.Bridges.CoreDns;

namespace BetterDns.Dns;

/// <summary>Turns <c>Dns:Server</c> and <c>Dns:ApplyStrategy</c> (possibly empty) into the server and strategy used.</summary>
public static class DnsServerSelection
{
    /// <summary>The configured server; if none, <c>coredns</c> when its binary can be found, else <c>embedded</c>.</summary>
    public static DnsServerKind Server(DnsControllerOptions options, string? pathVariable = null) =>
        options.Server ?? (CoreDnsBinary.Find(options.CoreDns.Binary, pathVariable) is null ? DnsServerKind.Embedded : DnsServerKind.CoreDns);

    /// <summary>
    /// The configured strategy; if none, <c>serial</c> for CoreDNS (its <c>file</c> plugin polls the serial) and
    /// for the embedded server (it answers from the snapshot), <c>signal</c> for any other process.
    /// </summary>
    public static ApplyStrategyKind Strategy(DnsControllerOptions options, DnsServerKind server) =>
        options.ApplyStrategy ?? (server == DnsServerKind.Process ? ApplyStrategyKind.Signal : ApplyStrategyKind.Serial);

    /// <summary>The keyed-service key of a server's bridge ("embedded", "coredns", "process").</summary>
    public static string Key(DnsServerKind server) => server.ToString().ToLowerInvariant();
}
