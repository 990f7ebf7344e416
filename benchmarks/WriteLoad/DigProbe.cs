using System.Diagnostics;
using System.Net;

namespace WriteLoad;

/// <summary>The issue's way of looking: one <c>dig +short</c> process per query (its start-up is most of the time).</summary>
public sealed class DigProbe(string host, int port)
{
    public static bool Available { get; } = File.Exists("/usr/bin/dig") || File.Exists("/bin/dig");

    public async Task<bool> AnswersAsync(string fqdn, IPAddress address, CancellationToken cancel)
    {
        var start = new ProcessStartInfo("dig", ["+short", "+tries=1", "+time=1", "-p", port.ToString(), "@" + host, fqdn, "A"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var dig = Process.Start(start)!;
        var output = await dig.StandardOutput.ReadToEndAsync(cancel);
        await dig.WaitForExitAsync(cancel);
        var wanted = address.ToString();
        return output.Split('\n', StringSplitOptions.TrimEntries).Contains(wanted);
    }
}
