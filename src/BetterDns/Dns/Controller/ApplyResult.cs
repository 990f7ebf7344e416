namespace BetterDns.Dns.Controller;

/// <summary>One apply of the zone to the server: whether it worked, how long it took, and why not.</summary>
public sealed record ApplyResult(bool Succeeded, TimeSpan Duration, string? Error = null);
