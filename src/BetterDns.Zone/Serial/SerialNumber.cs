namespace BetterDns.Zone.Serial;

/// <summary>
/// RFC 1982 serial number arithmetic on 32-bit SOA serials, and the <c>YYYYMMDDnn</c> convention
/// for choosing the next serial.
/// </summary>
public static class SerialNumber
{
    private const uint Half = 1u << 31;

    /// <summary>True when <paramref name="a"/> is greater than <paramref name="b"/> (RFC 1982 §3.2). The undefined pair (distance 2^31) is not greater either way.</summary>
    public static bool IsGreater(uint a, uint b) =>
        (a < b && b - a > Half) || (a > b && a - b < Half);

    /// <summary>-1, 0 or 1 in serial order.</summary>
    /// <exception cref="InvalidOperationException">The two serials are 2^31 apart, where RFC 1982 leaves the order undefined.</exception>
    public static int Compare(uint a, uint b)
    {
        if (a == b)
        {
            return 0;
        }

        if (a - b == Half)
        {
            throw new InvalidOperationException($"serials {a} and {b} are 2^31 apart; RFC 1982 leaves their order undefined");
        }

        return IsGreater(a, b) ? 1 : -1;
    }

    /// <summary>RFC 1982 §3.1 addition: <paramref name="n"/> may be at most 2^31-1.</summary>
    public static uint Add(uint serial, uint n)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, Half - 1);
        return unchecked(serial + n);
    }

    /// <summary>
    /// The serial after <paramref name="current"/>: today's date as <c>YYYYMMDD01</c> when that is greater
    /// (in serial arithmetic), else <paramref name="current"/> + 1.
    /// </summary>
    public static uint Next(uint current, DateOnly today)
    {
        var dated = ((ulong)today.Year * 1_000_000) + ((ulong)today.Month * 10_000) + ((ulong)today.Day * 100) + 1;
        if (dated <= uint.MaxValue && IsGreater((uint)dated, current))
        {
            return (uint)dated;
        }

        return unchecked(current + 1);
    }
}
