using BetterDns.Zone.Parsing;

namespace BetterDns.Tests.Infrastructure;

/// <summary>Polls a condition on the zone file on disk, which may be mid-replace or briefly missing while we look.</summary>
public static class ZoneFileWait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!Safe(condition))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} within {within.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }

    private static bool Safe(Func<bool> condition)
    {
        try
        {
            return condition();
        }
        catch (Exception e) when (e is IOException or ZoneFileFormatException)
        {
            return false;
        }
    }
}
