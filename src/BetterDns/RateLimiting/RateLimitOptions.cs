namespace BetterDns.RateLimiting;

/// <summary>
/// The <c>RateLimit</c> section: a token bucket per caller (a token's subject, or the client address
/// for requests without a valid token). The defaults leave a VM fleet alone (a VM registers and
/// heartbeats a few times a minute) but stop a runaway client long before it crowds out the others.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Sustained requests per second one VM token (or one anonymous address) may make.</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>Requests a VM token may make at once after being idle (the bucket's size).</summary>
    public int Burst { get; set; } = 200;

    /// <summary>Sustained requests per second one admin token may make (operators' scripts, bulk imports).</summary>
    public int AdminPermitsPerSecond { get; set; } = 1000;

    public int AdminBurst { get; set; } = 2000;
}
