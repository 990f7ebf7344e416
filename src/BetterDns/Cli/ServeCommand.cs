using System.CommandLine;
using BetterDns.Hosting;
using BetterDns.Registry.Storage;

namespace BetterDns.Cli;

/// <summary><c>betterdns serve [host arguments]</c>: runs the service (also the default verb).</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the BetterDns service (the default when no verb is given).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((result, _) => RunAsync([.. result.UnmatchedTokens]));
        return command;
    }

    public static async Task<int> RunAsync(string[] hostArgs)
    {
        var app = BetterDnsHost.Build(hostArgs);
        try
        {
            await app.RunAsync();
        }
        catch (DataDirectoryLockedException e)
        {
            // An operator's mistake, not a crash: one line saying what to do, no stack trace.
            await Console.Error.WriteLineAsync("betterdns: " + e.Message);
            return 2;
        }

        return 0;
    }
}
