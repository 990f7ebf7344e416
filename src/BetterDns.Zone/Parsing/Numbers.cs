namespace BetterDns.Zone.Parsing;

/// <summary>Decimal numbers and BIND-style TTLs (<c>1h30m</c>, <c>2W</c>) from token bytes.</summary>
internal static class Numbers
{
    /// <summary>Plain decimal digits that fit in <paramref name="max"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, ulong max, out ulong value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 20)
        {
            return false;
        }

        foreach (var b in text)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = value * 10 + d;
            if (value > max)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A TTL as BIND reads it: plain seconds, or numbers each followed by one of w, d, h, m, s
    /// (any case, each unit at most once). False when malformed or above 2^32-1.
    /// </summary>
    public static bool TryParseTtl(ReadOnlySpan<byte> text, out uint ttl)
    {
        ttl = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        if (TryParse(text, uint.MaxValue, out var plain))
        {
            ttl = (uint)plain;
            return true;
        }

        ulong total = 0;
        var seen = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                i++;
            }

            if (i == start || i == text.Length || !TryParse(text[start..i], uint.MaxValue, out var n))
            {
                return false;
            }

            (ulong factor, int bit) = (text[i] | 0x20) switch
            {
                'w' => (604800UL, 1),
                'd' => (86400UL, 2),
                'h' => (3600UL, 4),
                'm' => (60UL, 8),
                's' => (1UL, 16),
                _ => (0UL, 0),
            };
            if (bit == 0 || (seen & bit) != 0)
            {
                return false;
            }

            seen |= bit;
            total += n * factor;
            if (total > uint.MaxValue)
            {
                return false;
            }

            i++;
        }

        ttl = (uint)total;
        return true;
    }
}
