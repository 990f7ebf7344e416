namespace BetterDns.Health;

/// <summary>
/// One state change as webhooks receive it: <c>from</c>/<c>to</c> are passing, critical, maintenance
/// or (to) deregistered. <c>changes</c> is 1, or how many changes of this registration were folded into this
/// notification while it waited (then <c>from</c> is the state before the first, the rest from the latest;
/// <c>from</c> = <c>to</c> means it changed and changed back).
/// </summary>
public sealed record HealthEvent(string Name, string Fqdn, string Ip, string From, string To, string Reason, DateTimeOffset Time, int Changes = 1);
