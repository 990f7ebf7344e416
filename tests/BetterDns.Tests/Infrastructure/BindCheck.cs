using System.Diagnostics;

namespace BetterDns.Tests.Infrastructure;

/// <summary>BIND's verdict on a zone file the service wrote: <c>named-checkzone</c> must load it.</summary>
public static class BindCheck
{
    public static void AssertAccepts(string zoneFile, string origin = "cluster.internal.")
    {
        var start = new ProcessStartInfo("named-checkzone", ["-q", origin, zoneFile]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"named-checkzone rejected the file: {output}\n{File.ReadAllText(zoneFile)}");
    }
}
