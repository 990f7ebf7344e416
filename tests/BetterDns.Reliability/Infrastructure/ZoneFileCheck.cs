using CliWrap;
using CliWrap.Buffered;

namespace BetterDns.Reliability.Infrastructure;

/// <summary>What BIND's own tools say about a zone file: <c>named-checkzone</c>, and its A records via <c>named-compilezone</c>.</summary>
public static class ZoneFileCheck
{
    public const string Origin = "cluster.internal.";

    /// <summary><c>named-checkzone</c>'s verdict: null when the zone loads, else its output.</summary>
    public static async Task<string?> ProblemsAsync(string zoneFile)
    {
        var result = await Cli.Wrap("named-checkzone").WithArguments([Origin, zoneFile])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        return result.ExitCode == 0 ? null : result.StandardOutput + result.StandardError;
    }

    /// <summary>
    /// The A records of the zone as BIND reads it (one record a line, absolute names), by name relative
    /// to the origin, addresses sorted; throws if BIND refuses the file.
    /// </summary>
    public static async Task<Dictionary<string, string[]>> AddressesAsync(string zoneFile) =>
        (await CompileAsync(zoneFile))
            .Where(fields => fields.Length >= 5 && fields[2] == "IN" && fields[3] == "A")
            .GroupBy(fields => Relative(fields[0]), fields => fields[4])
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// Every record of the zone as BIND reads it, as "owner TYPE" (owner relative to the origin, "@" for the
    /// apex), sorted; throws if BIND refuses the file.
    /// </summary>
    public static async Task<List<string>> OwnersAndTypesAsync(string zoneFile) =>
        [.. (await CompileAsync(zoneFile))
            .Where(fields => fields.Length >= 4 && fields[2] == "IN")
            .Select(fields => $"{(string.Equals(fields[0], Origin, StringComparison.OrdinalIgnoreCase) ? "@" : Relative(fields[0]))} {fields[3]}")
            .Order(StringComparer.Ordinal)];

    // named-compilezone's output: one record a line, absolute names, fields split on blanks.
    private static async Task<List<string[]>> CompileAsync(string zoneFile)
    {
        var result = await Cli.Wrap("named-compilezone").WithArguments(["-q", "-i", "none", "-k", "ignore", "-o", "-", Origin, zoneFile])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"named-compilezone refused {zoneFile}: {result.StandardOutput}{result.StandardError}");
        }

        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))];
    }

    private static string Relative(string absolute) =>
        absolute.EndsWith("." + Origin, StringComparison.OrdinalIgnoreCase) ? absolute[..^(Origin.Length + 1)] : absolute;
}
