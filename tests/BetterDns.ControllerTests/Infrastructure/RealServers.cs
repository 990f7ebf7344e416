using System.Globalization;
using BetterDns.Dns;
using BetterDns.Dns.Bridges.Process;
using BetterDns.Zone.Model;

namespace BetterDns.ControllerTests.Infrastructure;

/// <summary>
/// Configurations for BIND and Knot as /work/shared/REAL-SERVERS.md describes them, in a temp
/// directory, on free loopback ports, serving <see cref="TestZone.Origin"/> from <c>db.zone</c>.
/// </summary>
public static class RealServers
{
    /// <summary><c>named -g -c DIR/named.conf</c>, reloaded with <c>rndc … reload ZONE</c>.</summary>
    public static ProcessServerOptions Bind(TempDirectory directory, DomainName origin, string? zoneFile = null)
    {
        var bind = BindConfiguration.Write(directory, Origin(origin), zoneFile ?? ZoneFile(directory));
        return new ProcessServerOptions
        {
            Name = "named",
            Command = "named",
            Arguments = [.. bind.Arguments],
            ReloadCommand = "rndc",
            ReloadArguments = [.. bind.ReloadArguments],
            ProbeEndpoint = bind.ProbeEndpoint,
        };
    }

    /// <summary><c>knotd -c DIR/knot.conf</c>, reloaded with <c>knotc -c DIR/knot.conf zone-reload ZONE</c>.</summary>
    public static ProcessServerOptions Knot(TempDirectory directory, DomainName origin, string? zoneFile = null)
    {
        var port = FreePort.Next();
        var zone = Origin(origin);
        var conf = directory.File("knot.conf");
        File.WriteAllText(conf, $"""
            server:
              listen: 127.0.0.1@{Port(port)}
              rundir: {directory.Path}
              user: root:root
            database:
              storage: {directory.Path}
            zone:
              - domain: {zone}
                file: {zoneFile ?? ZoneFile(directory)}
                zonefile-sync: -1
                zonefile-load: whole
                journal-content: none

            """);
        return new ProcessServerOptions
        {
            Name = "knotd",
            Command = "knotd",
            Arguments = ["-c", conf],
            ReloadCommand = "knotc",
            ReloadArguments = ["-c", conf, "zone-reload", zone],
            ProbeEndpoint = $"127.0.0.1:{Port(port)}",
        };
    }

    public static string ZoneFile(TempDirectory directory) => directory.File("db.zone");

    public static ControlledZone Controlled(TempDirectory directory) => new(TestZone.Origin, ZoneFile(directory));

    private static string Origin(DomainName origin) => origin.Value;

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
