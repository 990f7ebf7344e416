using System.Globalization;

namespace BetterDns.Common;

/// <summary>Durations as people write them on a command line or in a query string: "500ms", "5s", "30m", "24h", "7d", "2w", or a TimeSpan.</summary>
public static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var (number, unit) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase)
            ? (text[..^2], "ms")
            : (text[..^1], text[^1..].ToLowerInvariant());
        if (text.Length >= 2 && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            && amount > 0 && double.IsFinite(amount))
        {
            TimeSpan? parsed = unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                "w" => TimeSpan.FromDays(7 * amount),
                _ => null,
            };
            if (parsed is { } value)
            {
                duration = value;
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }
}
