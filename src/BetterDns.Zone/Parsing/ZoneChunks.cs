namespace BetterDns.Zone.Parsing;

/// <summary>
/// Where a zone file can be cut so its pieces can be read in parallel. A cut is only made at the start
/// of a line that begins a record with an explicit owner (so nothing is inherited across it) and whose
/// previous line does not end in a backslash (an escaped line end joins lines). Whether the cut is
/// outside parentheses is only known after reading the piece before it (see <see cref="ZoneLexer.EndedInParentheses"/>).
/// </summary>
internal static class ZoneChunks
{
    /// <summary>How far past a wanted cut to look for a line where a cut is safe.</summary>
    private const int SearchWindow = 1 << 16;

    /// <summary>Cut positions for the wanted positions: each the first safe line start at or after it, ascending, distinct.</summary>
    public static List<int> Boundaries(ReadOnlySpan<byte> src, ReadOnlySpan<int> wanted)
    {
        var cuts = new List<int>(wanted.Length);
        foreach (var target in wanted)
        {
            var cut = SafeLineStartFrom(src, Math.Max(target, 1));
            if (cut > 0 && !cuts.Contains(cut))
            {
                cuts.Add(cut);
            }
        }

        cuts.Sort();
        return cuts;
    }

    /// <summary>Evenly spaced wanted cuts for <paramref name="pieces"/> pieces.</summary>
    public static int[] Even(int length, int pieces)
    {
        var targets = new int[Math.Max(0, pieces - 1)];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = (int)((long)length * (i + 1) / pieces);
        }

        return targets;
    }

    /// <summary>
    /// The last position before <paramref name="end"/> where a directive (<c>$ORIGIN</c>, <c>$TTL</c>,
    /// <c>$INCLUDE</c>) may start: a '$' with nothing but blanks and parentheses before it on its line.
    /// It may also be inside a record (a false alarm costs only speed). -1 when there is none.
    /// </summary>
    public static int LastDirective(ReadOnlySpan<byte> src, int end)
    {
        var area = src[..end];
        while (true)
        {
            var dollar = area.LastIndexOf((byte)'$');
            if (dollar < 0)
            {
                return -1;
            }

            var i = dollar - 1;
            while (i >= 0 && area[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'(' or (byte)')')
            {
                i--;
            }

            if (i < 0 || area[i] == (byte)'\n' || (i == 2 && area[0] == 0xEF && area[1] == 0xBB && area[2] == 0xBF))
            {
                return dollar;
            }

            area = area[..dollar];
        }
    }

    private static int SafeLineStartFrom(ReadOnlySpan<byte> src, int from)
    {
        var limit = Math.Min(src.Length, (long)from + SearchWindow);
        var i = from - 1;
        while (i < limit)
        {
            var newline = src[i..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return -1;
            }

            i += newline;
            var start = i + 1;
            if (start < src.Length && (i == 0 || src[i - 1] != (byte)'\\') && StartsOwner(src[start]))
            {
                return start;
            }

            i = start;
        }

        return -1;
    }

    private static bool StartsOwner(byte b) =>
        b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)';' or (byte)'(' or (byte)')' or (byte)'"' or (byte)'$');
}
