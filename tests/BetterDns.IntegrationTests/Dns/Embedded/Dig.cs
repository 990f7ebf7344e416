using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>Runs BIND's <c>dig</c> against a server and parses what it prints.</summary>
public sealed partial class Dig(IPEndPoint server)
{
    public async Task<DigResult> QueryAsync(string name, string type = "A", params string[] options)
    {
        var start = new ProcessStartInfo("dig")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { $"@{server.Address}", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "+tries=1", "+time=3" }
            .Concat(options).Concat([name, type]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"dig exited with {process.ExitCode}:\n{text}");
        return DigResult.Parse(text);
    }
}

/// <summary>One record line of dig's output: owner, TTL, type and the RDATA as dig prints it.</summary>
public sealed record DigRecord(string Owner, uint Ttl, string Type, string Data);

/// <summary>Status, flags and sections of one dig answer (the last one, after any TCP retry).</summary>
public sealed partial record DigResult(
    string Output,
    string Status,
    IReadOnlySet<string> Flags,
    int? EdnsVersion,
    int? EdnsUdpSize,
    IReadOnlyList<DigRecord> Answer,
    IReadOnlyList<DigRecord> Authority,
    IReadOnlyList<DigRecord> Additional)
{
    public bool RetriedOverTcp => Output.Contains(";; Truncated, retrying in TCP mode.", StringComparison.Ordinal);

    public static DigResult Parse(string output)
    {
        // After a TCP retry dig prints the second answer last; read from the last header on.
        var last = output.LastIndexOf(";; ->>HEADER<<-", StringComparison.Ordinal);
        Assert.True(last >= 0, $"dig printed no answer:\n{output}");
        var text = output[last..];
        var status = StatusPattern().Match(text).Groups[1].Value;
        var flags = FlagsPattern().Match(text).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var edns = EdnsPattern().Match(text);
        return new DigResult(
            output,
            status,
            flags,
            edns.Success ? int.Parse(edns.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            edns.Success ? int.Parse(edns.Groups[2].Value, CultureInfo.InvariantCulture) : null,
            Section(text, "ANSWER"),
            Section(text, "AUTHORITY"),
            Section(text, "ADDITIONAL"));
    }

    private static List<DigRecord> Section(string text, string name)
    {
        var records = new List<DigRecord>();
        var start = text.IndexOf($";; {name} SECTION:", StringComparison.Ordinal);
        if (start < 0)
        {
            return records;
        }

        foreach (var line in text[start..].Split('\n').Skip(1))
        {
            if (line.Length == 0 || line.StartsWith(';'))
            {
                break;
            }

            var fields = line.Split((char[])['\t', ' '], 5, StringSplitOptions.RemoveEmptyEntries);
            records.Add(new DigRecord(fields[0], uint.Parse(fields[1], CultureInfo.InvariantCulture), fields[3], fields.Length > 4 ? fields[4].Trim() : ""));
        }

        return records;
    }

    [GeneratedRegex(@"status: (\w+)")]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@";; flags:([^;]*);")]
    private static partial Regex FlagsPattern();

    [GeneratedRegex(@"EDNS: version: (\d+), flags:[^;]*; udp: (\d+)")]
    private static partial Regex EdnsPattern();
}
