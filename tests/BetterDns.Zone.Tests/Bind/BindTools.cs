using System.Diagnostics;

namespace BetterDns.Zone.Tests.Bind;

/// <summary>Runs BIND's named-checkzone and named-compilezone on a zone written to a temp directory.</summary>
internal static class BindTools
{
    public sealed record Run(int ExitCode, string Output, string Errors);

    /// <summary>Writes <paramref name="zoneText"/> to a temp file, runs the tool on it, and deletes the file.</summary>
    public static Run OnZone(string tool, string origin, string zoneText, params string[] options)
    {
        var directory = Directory.CreateTempSubdirectory("betterdns-bind-");
        try
        {
            var file = Path.Combine(directory.FullName, "db.zone");
            File.WriteAllText(file, zoneText);
            var start = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory.FullName,
            };
            foreach (var option in options)
            {
                start.ArgumentList.Add(option);
            }

            start.ArgumentList.Add(origin);
            start.ArgumentList.Add(file);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                throw new TimeoutException($"{tool} did not finish in 30 s");
            }

            return new Run(process.ExitCode, output.Result, errors.Result);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public static Run CheckZone(string origin, string zoneText) => OnZone("named-checkzone", origin, zoneText);

    /// <summary>BIND's canonical form of the zone: one record a line, absolute names.</summary>
    public static Run CompileZone(string origin, string zoneText) =>
        OnZone("named-compilezone", origin, zoneText, "-q", "-i", "none", "-k", "ignore", "-o", "-");

    /// <summary>Lines with runs of blank space made one space, empty lines dropped, sorted.</summary>
    public static string[] Normalise(string text) =>
        [.. text.Split('\n')
            .Select(line => string.Join(' ', line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)))
            .Where(line => line.Length > 0)
            .Order(StringComparer.Ordinal)];
}
