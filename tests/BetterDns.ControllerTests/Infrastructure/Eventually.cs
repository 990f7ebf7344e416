using System.Diagnostics;

namespace BetterDns.ControllerTests.Infrastructure;

/// <summary>Polls a condition until it holds or the time is up; tests assert on the returned value.</summary>
public static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan within, TimeSpan? every = null)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (Stopwatch.GetElapsedTime(started) >= within)
            {
                return false;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(20));
        }
    }

    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan within) =>
        TrueAsync(() => Task.FromResult(condition()), within);
}
