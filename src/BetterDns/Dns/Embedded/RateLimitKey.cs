namespace BetterDns.Dns.Embedded;

/// <summary>One rate-limit account: a client network and what it is being answered.</summary>
internal readonly record struct RateLimitKey(UInt128 Network, int Name, ushort Type, RateLimitKind Kind);
