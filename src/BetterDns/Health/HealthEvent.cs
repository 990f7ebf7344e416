namespace BetterDns.Health;

/// <summary>
/// One state change as webhooks receive it: <c>from</c>/<c>to</c> are passing, critical, maintenance
/// or (to) deregistered.
/// </summary>
public sealed record HealthEvent(string Name, string Fqdn, string Ip, string From, string To, string Reason, DateTimeOffset Time);
