using System.Globalization;
using System.Text.RegularExpressions;

namespace BetterDns.Common;

/// <summary>
/// Durations as people write them in a body, a query string or on a command line, Consul-style:
/// a number and a unit, "250ms", "5s", "1.5m", "24h", "7d", "2w" (a TimeSpan such as "1.00:00:00" is
/// accepted too, but not a bare number: "10" could mean anything).
/// </summary>
public static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is null)
        {
            return false;
        }

        if (Pattern().Match(text.Trim()) is { Success: true } match
            && double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            var milliseconds = value * UnitMilliseconds(match.Groups[2].Value);
            if (milliseconds >= TimeSpan.MaxValue.TotalMilliseconds)
            {
                // "999999999d" is a well-formed duration no TimeSpan holds (TimeSpan.FromMilliseconds would throw).
                return false;
            }

            duration = TimeSpan.FromMilliseconds(milliseconds);
            return duration > TimeSpan.Zero;
        }

        return text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }

    private static double UnitMilliseconds(string unit) => unit switch
    {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => 604_800_000,
    };

    /// <summary>The parsed duration, or null when the text is not one.</summary>
    public static TimeSpan? TryParse(string? text) => TryParse(text, out var duration) ? duration : null;

    /// <summary>The shortest unit that states <paramref name="value"/> exactly: "250ms", "10s", "5m", "72h".</summary>
    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds % 1000 != 0 ? $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms"
        : value.TotalSeconds % 60 != 0 || value.TotalSeconds < 60 ? $"{value.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"
        : value.TotalMinutes % 60 != 0 || value.TotalMinutes < 60 ? $"{value.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m"
        : $"{value.TotalHours.ToString(CultureInfo.InvariantCulture)}h";

    [GeneratedRegex(@"^([0-9]{1,9}(?:\.[0-9]{1,3})?)(ms|s|m|h|d|w)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
