namespace BetterDns.Reliability.Infrastructure;

/// <summary>
/// Short mode (the default, for CI: the whole project's tests must finish in a few minutes on two cores)
/// or long mode (<c>BETTERDNS_RELIABILITY_LONG=1</c>: more cycles, clients and requests).
/// </summary>
public static class ReliabilityMode
{
    public static bool IsLong { get; } = Environment.GetEnvironmentVariable("BETTERDNS_RELIABILITY_LONG") is "1" or "true";

    /// <summary><paramref name="shortValue"/> in short mode, <paramref name="longValue"/> in long mode.</summary>
    public static int Pick(int shortValue, int longValue) => IsLong ? longValue : shortValue;

    /// <summary>A fixed seed, or <c>BETTERDNS_RELIABILITY_SEED</c> to replay or vary a run.</summary>
    public static int Seed(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("BETTERDNS_RELIABILITY_SEED"), out var seed) ? seed : fallback;
}
