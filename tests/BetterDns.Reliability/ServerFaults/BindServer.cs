using BetterDns.Reliability.Infrastructure;

namespace BetterDns.Reliability.ServerFaults;

/// <summary>
/// Settings that make the service run BIND (<c>named -g</c>) through its process bridge, serving the
/// service's own zone file, on free loopback ports (as /work/shared/REAL-SERVERS.md describes).
/// </summary>
public sealed class BindServer
{
    public BindServer(TempDirectory directory, string zoneFile)
    {
        Directory = directory;
        var bind = BindConfiguration.Write(directory, ZoneFileCheck.Origin, zoneFile);
        Port = bind.Port;
        PidFile = bind.PidFile;
        string[] arguments = bind.Arguments;
        string[] reload = bind.ReloadArguments;
        Settings = new Dictionary<string, string>
        {
            ["Dns:Server"] = "process",
            ["Dns:ApplyStrategy"] = "signal",
            ["Dns:Process:Name"] = "named",
            ["Dns:Process:Command"] = "named",
            ["Dns:Process:ReloadCommand"] = "rndc",
            ["Dns:Process:ProbeEndpoint"] = $"127.0.0.1:{Port}",
            ["Dns:Supervision:InitialBackoff"] = "00:00:00.100",
            ["Dns:Supervision:ProbeTimeout"] = "00:00:01",
        };
        for (var i = 0; i < arguments.Length; i++)
        {
            Settings[$"Dns:Process:Arguments:{i}"] = arguments[i];
        }

        for (var i = 0; i < reload.Length; i++)
        {
            Settings[$"Dns:Process:ReloadArguments:{i}"] = reload[i];
        }
    }

    public TempDirectory Directory { get; }

    public int Port { get; }

    public string PidFile { get; }

    public Dictionary<string, string> Settings { get; }

    /// <summary>The running named's process id (from its pid file), or null while there is none.</summary>
    public int? Pid() =>
        File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid) && File.Exists($"/proc/{pid}/stat") ? pid : null;
}
