namespace BetterDns.Registry;

/// <summary>
/// The name patterns of a VM token ("web-*", "*.eu-1"): a pattern is dot-separated labels like a name,
/// and matches a name with as many labels, label by label. Inside a label <c>*</c> matches any run of
/// characters (none included) but never a dot, so "web-*" matches "web-1" and not "web-x.api-1";
/// everything else matches itself ignoring ASCII case. Names are relative to the zone origin.
/// </summary>
public static class NamePattern
{
    /// <summary>Longest pattern accepted when minting: a name's own limit.</summary>
    public const int MaxLength = 253;

    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        while (true)
        {
            var patternDot = pattern.IndexOf('.');
            var nameDot = name.IndexOf('.');
            if (patternDot < 0 || nameDot < 0)
            {
                // The last label of either: both must be last, or the label counts differ.
                return patternDot < 0 && nameDot < 0 && IsLabelMatch(pattern, name);
            }

            if (!IsLabelMatch(pattern[..patternDot], name[..nameDot]))
            {
                return false;
            }

            pattern = pattern[(patternDot + 1)..];
            name = name[(nameDot + 1)..];
        }
    }

    public static bool AnyMatch(IEnumerable<string> patterns, string name) =>
        patterns.Any(pattern => IsMatch(pattern, name));

    /// <summary>
    /// Whether <paramref name="pattern"/> can be written into a token: labels of letters, digits, hyphens
    /// and <c>*</c>, none empty (so no leading, trailing or doubled dot), at most <see cref="MaxLength"/> characters.
    /// </summary>
    public static bool IsValid(string pattern, out string? error)
    {
        error = pattern switch
        {
            "" => "a pattern is empty",
            { Length: > MaxLength } => $"'{pattern}' is longer than {MaxLength} characters",
            _ when pattern.Split('.').Any(label => label.Length == 0) =>
                $"'{pattern}' has an empty label (a leading, trailing or doubled dot); patterns are relative to the zone, like 'web-*' or '*.eu-1'",
            _ when pattern.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '*' or '.')) =>
                $"'{pattern}' may hold only letters, digits, '-', '*' and '.'",
            _ => null,
        };
        return error is null;
    }

    /// <summary>One label against one label: the classic wildcard walk, backtracking only to the last <c>*</c>.</summary>
    private static bool IsLabelMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> label)
    {
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < label.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (p < pattern.Length && char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(label[n]))
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
}
