using System.Diagnostics;
using System.Net;

namespace BetterDns.Tests.Infrastructure;

/// <summary>Real DNS queries with BIND's <c>dig</c> (bind9-dnsutils), one answer line per record.</summary>
public static class Dig
{
    public static async Task<string[]> ShortAsync(IPEndPoint server, string name, string type = "A")
    {
        var start = new ProcessStartInfo("dig", ["@" + server.Address, "-p", server.Port.ToString(), name, type, "+short", "+time=2", "+tries=1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var dig = Process.Start(start) ?? throw new InvalidOperationException("dig did not start (apt-get install bind9-dnsutils)");
        var output = await dig.StandardOutput.ReadToEndAsync();
        await dig.WaitForExitAsync();
        Assert.Equal(0, dig.ExitCode);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Asks until the answer satisfies <paramref name="done"/> or <paramref name="timeout"/> passes; returns the last answer.</summary>
    public static async Task<string[]> UntilAsync(IPEndPoint server, string name, string type, Func<string[], bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var answer = await ShortAsync(server, name, type);
            if (done(answer) || DateTime.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(50);
        }
    }
}
