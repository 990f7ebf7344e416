using System.ComponentModel;
using System.Runtime.InteropServices;

namespace BetterDns.Dns.Supervision;

/// <summary>
/// Sends POSIX signals to a child (SIGTERM to stop it cleanly, SIGUSR1/SIGHUP to reload it).
/// .NET can only receive signals, so this calls libc's kill(2). Linux numbering.
/// </summary>
public static class UnixSignal
{
    public const int Hangup = 1;
    public const int Kill = 9;
    public const int User1 = 10;
    public const int User2 = 12;
    public const int Terminate = 15;

    /// <summary>SIGCONT: a stopped process runs again.</summary>
    public const int Continue = 18;

    /// <summary>SIGSTOP: the process stays alive but runs no more (what a hung server looks like).</summary>
    public const int Stop = 19;

    /// <summary>"SIGHUP", "HUP", "hup" or "1" → 1. Throws for a name it does not know.</summary>
    public static int Parse(string name)
    {
        if (int.TryParse(name, out var number) && number is > 0 and < 65)
        {
            return number;
        }

        var bare = name.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? name[3..] : name;
        return bare.ToUpperInvariant() switch
        {
            "HUP" => Hangup,
            "INT" => 2,
            "QUIT" => 3,
            "KILL" => Kill,
            "USR1" => User1,
            "USR2" => User2,
            "TERM" => Terminate,
            _ => throw new FormatException($"unknown signal '{name}' (use e.g. SIGHUP, SIGUSR1, SIGTERM or a number)"),
        };
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="processId"/>; false when the process is already gone.</summary>
    public static bool Send(int processId, int signal)
    {
        if (SendSignal(processId, signal) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        const int NoSuchProcess = 3;
        return error == NoSuchProcess ? false : throw new Win32Exception(error, $"kill({processId}, {signal}) failed");
    }

    // DllImport rather than LibraryImport: the latter needs the whole assembly compiled with /unsafe.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int processId, int signal);
}
