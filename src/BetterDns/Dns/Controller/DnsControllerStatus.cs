using BetterDns.Dns.Bridges;

namespace BetterDns.Dns.Controller;

/// <summary>What the controller has done so far, for status endpoints and logs.</summary>
public sealed record DnsControllerStatus(
    string Server,
    ApplyStrategyKind Strategy,
    DnsServerStatus ServerStatus,
    long Applied,
    long Failed,
    string? LastError);
