using System.CommandLine;
using BetterDns.ZoneTool;

// betterdns-zone check|print: the same verbs as `betterdns zone`, without the service around them.
var root = new RootCommand("betterdns-zone: check or print an RFC 1035 zone file.");
foreach (var verb in ZoneCommands.Verbs())
{
    root.Subcommands.Add(verb);
}

return await root.Parse(args).InvokeAsync();
