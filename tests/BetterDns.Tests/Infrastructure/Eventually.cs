namespace BetterDns.Tests.Infrastructure;

/// <summary>Waits for a state with a deadline (never sleep-and-hope): polls until the condition holds.</summary>
public static class Eventually
{
    /// <summary>The first answer of <paramref name="probe"/> that satisfies <paramref name="done"/>; throws with the last one after <paramref name="within"/>.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {within} (last: {value})");
            }

            await Task.Delay(50);
        }
    }
}
