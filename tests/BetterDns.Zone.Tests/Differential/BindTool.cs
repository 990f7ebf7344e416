using System.ComponentModel;
using System.Diagnostics;

namespace BetterDns.Zone.Tests.Differential;

/// <summary>
/// Runs BIND's zone tools (bind9-utils). A missing tool is an error, never a skip: the differential
/// tests are the proof that our parser agrees with BIND, so they must not pass by not running.
/// </summary>
public static class BindTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary><c>named-compilezone -q -i none -k ignore -o - ORIGIN FILE</c> run in <paramref name="workingDirectory"/>.</summary>
    public static ToolResult CompileZone(string origin, string file, string workingDirectory) =>
        Run("named-compilezone", ["-q", "-i", "none", "-k", "ignore", "-o", "-", origin, file], workingDirectory);

    /// <summary><c>named-checkzone ORIGIN FILE</c> with BIND's default checks.</summary>
    public static ToolResult CheckZone(string origin, string file, string workingDirectory) =>
        Run("named-checkzone", [origin, file], workingDirectory);

    public static ToolResult Run(string tool, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"{tool} is not installed or not on PATH ({e.Message}); install bind9-utils (`apt-get install bind9-utils`, done by .ci/run)", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within {Timeout}");
            }

            return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}

public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
