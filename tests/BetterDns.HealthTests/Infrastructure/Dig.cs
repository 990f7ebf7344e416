using System.Diagnostics;
using System.Net;

namespace BetterDns.HealthTests.Infrastructure;

/// <summary>Real DNS queries with dig, and waiting until the answer is what a test expects.</summary>
public static class Dig
{
    public static async Task<string[]> ShortAsync(IPEndPoint server, string name)
    {
        var start = new ProcessStartInfo("dig", ["@" + server.Address, "-p", server.Port.ToString(), name, "A", "+short", "+time=2", "+tries=1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var dig = Process.Start(start) ?? throw new InvalidOperationException("dig did not start (apt-get install bind9-dnsutils)");
        var output = await dig.StandardOutput.ReadToEndAsync();
        await dig.WaitForExitAsync();
        Assert.Equal(0, dig.ExitCode);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order()];
    }

    /// <summary>Asks until the answer is exactly <paramref name="expected"/> (sorted) and returns how long that took.</summary>
    public static async Task<TimeSpan> UntilAsync(IPEndPoint server, string name, string[] expected, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = within ?? TimeSpan.FromSeconds(10);
        string[] last;
        do
        {
            last = await ShortAsync(server, name);
            if (last.SequenceEqual(expected.Order()))
            {
                return clock.Elapsed;
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < limit);

        Assert.Fail($"{name} answered [{string.Join(", ", last)}], not [{string.Join(", ", expected)}], for {limit}");
        return clock.Elapsed;
    }
}
