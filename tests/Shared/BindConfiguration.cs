using System.Globalization;
using System.Security.Cryptography;

namespace BetterDns.Testing;

/// <summary>
/// A BIND configuration as /work/shared/REAL-SERVERS.md describes it, written into a temp directory:
/// <c>named -g -c ConfFile</c> serves one primary zone on a free loopback port and is reloaded with
/// <c>rndc -k KeyFile -s 127.0.0.1 -p ControlPort reload ZONE</c>.
/// </summary>
public sealed record BindConfiguration(int Port, int ControlPort, string ConfFile, string KeyFile, string PidFile, string Zone)
{
    public static BindConfiguration Write(TempDirectory directory, string zone, string zoneFile)
    {
        var port = FreePort.Next();
        var controlPort = FreePort.Next();
        var key = directory.File("rndc.key");
        var pidFile = directory.File("named.pid");
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
                listen-on port {{port}} { 127.0.0.1; };
                listen-on-v6 { none; };
                recursion no;
                pid-file "{{pidFile}}";
                session-keyfile "{{directory.File("session.key")}}";
            };
            include "{{key}}";
            controls { inet 127.0.0.1 port {{controlPort}} allow { 127.0.0.1; } keys { "rndc-key"; }; };
            zone "{{zone}}" { type primary; file "{{zoneFile}}"; };

            """);
        return new BindConfiguration(port, controlPort, conf, key, pidFile, zone);
    }

    public string[] Arguments => ["-g", "-c", ConfFile];

    public string[] ReloadArguments => ["-k", KeyFile, "-s", "127.0.0.1", "-p", ControlPort.ToString(CultureInfo.InvariantCulture), "reload", Zone];

    public string ProbeEndpoint => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";
}
