using System.CommandLine;
using System.Runtime;

namespace BetterDns.ZoneTool;

/// <summary><c>betterdns zone check|print</c> and <c>betterdns-zone check|print</c>: the zonefile engine from the command line.</summary>
public static class ZoneCommands
{
    /// <summary>The <c>zone</c> command of <c>betterdns</c>, holding the verbs.</summary>
    public static Command Create()
    {
        var zone = new Command("zone", "Check or print an RFC 1035 zone file.");
        foreach (var verb in Verbs())
        {
            zone.Subcommands.Add(verb);
        }

        return zone;
    }

    /// <summary>The verbs themselves (<c>check</c>, <c>print</c>), for a root of their own.</summary>
    public static IEnumerable<Command> Verbs() => [CreateCheck(), CreatePrint()];

    private static Command CreateCheck()
    {
        var file = FileArgument();
        var origin = OriginOption();
        var check = new Command("check", "Report every error in a zone file as FILE:LINE:COL: message (exit 1), or 'N records, serial S' (exit 0).")
        {
            file,
            origin,
        };
        check.SetAction(result =>
        {
            BatchGarbageCollection();
            return ZoneCheck.Run(
                result.GetRequiredValue(file),
                result.GetRequiredValue(origin),
                result.InvocationConfiguration.Output,
                result.InvocationConfiguration.Error);
        });
        return check;
    }

    private static Command CreatePrint()
    {
        var file = FileArgument();
        var origin = OriginOption();
        var canonical = new Option<bool>("--canonical")
        {
            Description = "One record a line with absolute names, TTL, class, type and RDATA, as named-compilezone prints it.",
        };
        var print = new Command("print", "Print a zone file as BetterDns writes it (or in canonical form).")
        {
            file,
            origin,
            canonical,
        };
        print.SetAction(result =>
        {
            BatchGarbageCollection();
            using var output = Console.OpenStandardOutput();
            return ZonePrint.Run(
                result.GetRequiredValue(file),
                result.GetRequiredValue(origin),
                result.GetValue(canonical),
                output,
                result.InvocationConfiguration.Error);
        });
        return print;
    }

    /// <summary>
    /// A zone verb is a one-shot batch that keeps what it allocates: without background GC it collects
    /// less often and cheaper (the server's concurrent GC setting is for the server's pauses).
    /// </summary>
    private static void BatchGarbageCollection() => GCSettings.LatencyMode = GCLatencyMode.Batch;

    private static Argument<FileInfo> FileArgument() => new("FILE") { Description = "The zone file." };

    private static Option<string> OriginOption() => new("--origin")
    {
        Description = "The zone's origin (a trailing dot is optional: the name is always absolute).",
        Required = true,
    };
}
