namespace BetterDns.Tests.Infrastructure;

/// <summary>A clock stopped at one instant, to sign tokens issued in the past or the future.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
