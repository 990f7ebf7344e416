namespace BetterDns.Dns.Embedded;

/// <summary>What the rate limiter did with one response.</summary>
internal enum RateLimitVerdict
{
    Send,
    Drop,
    Slip,
}
