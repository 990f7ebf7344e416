namespace BetterDns.Reliability.Infrastructure;

/// <summary>
/// The figures a run measured, printed to the test output and appended to
/// <c>$BETTERDNS_RELIABILITY_REPORT</c> when set (docs/reliability.md quotes them).
/// </summary>
public static class Figures
{
    public static void Report(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("BETTERDNS_RELIABILITY_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllText(path, $"{DateTimeOffset.UtcNow:u} {(ReliabilityMode.IsLong ? "long" : "short")}: {line}{Environment.NewLine}");
        }
    }
}
