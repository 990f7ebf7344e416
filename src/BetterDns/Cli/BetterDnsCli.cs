using System.CommandLine;
using BetterDns.ZoneTool;

namespace BetterDns.Cli;

/// <summary>
/// The command table. Each verb lives in its own file and adds itself here; anything that is not a
/// known verb is handed to the web host as configuration arguments (so `betterdns --urls …` and
/// WebApplicationFactory both reach <see cref="ServeCommand"/>).
/// </summary>
public static class BetterDnsCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("BetterDns: self-registration DNS for VMs and containers.");
        root.Subcommands.Add(ZoneCommands.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(TokenCommands.Create());

        if (args.Length == 0 || !root.Subcommands.Any(c => c.Name == args[0]) && !IsHelpOrVersion(args[0]))
        {
            return await ServeCommand.RunAsync(args);
        }

        return await root.Parse(args).InvokeAsync();
    }

    private static bool IsHelpOrVersion(string arg) => arg is "-h" or "--help" or "-?" or "--version";
}
