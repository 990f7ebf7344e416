using System.Buffers;
using System.Globalization;
using System.Text;

namespace BetterDns.Observability.Logging;

/// <summary>
/// Makes text safe for a log line: every character that could end the line, start a forged one or
/// steer a terminal is written as an escape instead (<c>\r</c>, <c>\n</c>, <c>\t</c>, otherwise
/// <c>\u001b</c>-style). That is C0 (U+0000–U+001F), DEL, C1 (U+0080–U+009F, NEL included), the Unicode
/// line and paragraph separators (U+2028, U+2029) and the bidirectional overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) that reorder what a reader sees. Text without them is returned as is.
/// </summary>
public static class LogText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(UnsafeCharacters());

    public static bool IsSafe(ReadOnlySpan<char> text) => !text.ContainsAny(Unsafe);

    /// <summary>True for the characters <see cref="Escape"/> rewrites (what a client may not put in a logged field).</summary>
    public static bool IsUnsafe(char c) => Unsafe.Contains(c);

    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (!Unsafe.Contains(c))
            {
                escaped.Append(c);
                continue;
            }

            _ = c switch
            {
                '\r' => escaped.Append("\\r"),
                '\n' => escaped.Append("\\n"),
                '\t' => escaped.Append("\\t"),
                _ => escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
            };
        }

        return escaped.ToString();
    }

    /// <summary>A logged value as providers will see it: strings and values whose text needs it are escaped, others kept.</summary>
    public static object? Value(object? value) => value switch
    {
        null => null,
        string text => Escape(text),
        char c => IsUnsafe(c) ? Escape(c.ToString()) : value,
        // Numbers, times and the like cannot carry a line break; keep their type for structured formatters.
        IConvertible and not string => value,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) is { } text && !IsSafe(text) ? Escape(text) : value,
    };

    private static string UnsafeCharacters()
    {
        var set = new StringBuilder();
        for (var c = '\u0000'; c <= '\u001f'; c++)
        {
            set.Append(c);
        }

        for (var c = '\u007f'; c <= '\u009f'; c++)
        {
            set.Append(c);
        }

        set.Append('\u2028').Append('\u2029');
        for (var c = '\u202a'; c <= '\u202e'; c++)
        {
            set.Append(c);
        }

        for (var c = '\u2066'; c <= '\u2069'; c++)
        {
            set.Append(c);
        }

        return set.ToString();
    }
}
