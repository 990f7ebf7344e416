using System.CommandLine;

namespace BetterDns.Cli;

/// <summary><c>betterdns zone check|print</c>: the zonefile engine from the command line.</summary>
public static class ZoneCommands
{
    public static Command Create()
    {
        var zone = new Command("zone", "Check or print an RFC 1035 zone file.");
        return zone;
    }
}
