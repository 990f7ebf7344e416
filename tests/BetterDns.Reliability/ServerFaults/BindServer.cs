using System.Globalization;
using System.Security.Cryptography;
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
        Port = FreePort.Next();
        var controlPort = FreePort.Next();
        var key = directory.File("rndc.key");
        File.WriteAllText(key, $$"""
            key "rndc-key" {
                algorithm hmac-sha256;
                secret "{{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}}";
            };

            """);
        var conf = directory.File("named.conf");
        File.WriteAllText(conf, $$"""
            options {
                directory "{{directory.Path}}";
                listen-on port {{Port}} { 127.0.0.1; };
                listen-on-v6 { none; };
                recursion no;
                pid-file "{{PidFile}}";
                session-keyfile "{{directory.File("session.key")}}";
            };
            include "{{key}}";
            controls { inet 127.0.0.1 port {{controlPort}} allow { 127.0.0.1; } keys { "rndc-key"; }; };
            zone "{{ZoneFileCheck.Origin}}" { type primary; file "{{zoneFile}}"; };

            """);
        string[] arguments = ["-g", "-c", conf];
        string[] reload = ["-k", key, "-s", "127.0.0.1", "-p", controlPort.ToString(CultureInfo.InvariantCulture), "reload", ZoneFileCheck.Origin];
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

    public string PidFile => Directory.File("named.pid");

    public Dictionary<string, string> Settings { get; }

    /// <summary>The running named's process id (from its pid file), or null while there is none.</summary>
    public int? Pid() =>
        File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid) && File.Exists($"/proc/{pid}/stat") ? pid : null;
}
