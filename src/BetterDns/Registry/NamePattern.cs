namespace BetterDns.Registry;

/// <summary>
/// The name patterns of a VM token ("web-*"): <c>*</c> matches any run of characters (dots included),
/// everything else matches itself ignoring ASCII case. Patterns are matched against the name relative
/// to the zone origin.
/// </summary>
public static class NamePattern
{
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (p < pattern.Length && char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(name[n]))
            {
                p++;
                n++;
            }
            else if (star >= 0)
            {
                // Let the last star swallow one more character and retry from there.
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    public static bool AnyMatch(IEnumerable<string> patterns, string name) =>
        patterns.Any(pattern => IsMatch(pattern, name));
}
