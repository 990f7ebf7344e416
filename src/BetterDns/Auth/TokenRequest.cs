namespace BetterDns.Auth;

/// <summary>What a token grants: its subject, whether it is an admin, the name patterns of a VM, and how long it lives.</summary>
public sealed record TokenRequest(string Subject, bool IsAdmin, IReadOnlyList<string> NamePatterns, TimeSpan Lifetime);
