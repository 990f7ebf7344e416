#!/usr/bin/env bash
# Visibility benchmark: time from writing the zone file to the first DNS answer that contains the new
# record, with BIND (named) and Knot (knotd) driven by the DNS controller's process bridge.
# For each server and strategy it makes WRITES writes (default 20); each adds one name to the zone
# (atomic write, higher serial), asks the controller to apply it, and polls the server with DnsClient
# every millisecond until the answer holds the address. Prints min / median / p90 / max per row.
#
#   benchmarks/visibility.sh [WRITES] [STRATEGIES]     e.g. benchmarks/visibility.sh 20 "signal restart"
#
# Needs: .NET 10 SDK, bind9 (named, rndc), knot (knotd, knotc). Everything runs on 127.0.0.1 with free ports.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
writes=${1:-20}
strategies=${2:-signal restart}
work=$(mktemp -d /tmp/betterdns-visibility.XXXXXX)
trap 'rm -rf "$work"' EXIT

cat > "$work/visibility.cs" <<EOF
#:project $repo/src/BetterDns/BetterDns.csproj
#:property TargetFramework=net10.0
#:property Nullable=enable
$(cat <<'CS'
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using BetterDns.Dns;
using BetterDns.Dns.Bridges.Process;
using BetterDns.Dns.Controller;
using BetterDns.Dns.Strategies;
using BetterDns.Zone.Model;
using BetterDns.Zone.Writing;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

var writes = int.Parse(args[0]);
var strategies = args[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => Enum.Parse<ApplyStrategyKind>(s, true)).ToList();
var origin = DomainName.Parse("cluster.internal.");
Console.WriteLine($"{"server",-8} {"strategy",-10} {"writes",6} {"min ms",8} {"median ms",10} {"p90 ms",8} {"max ms",8}");
// BIND reloads either through rndc (a process per apply) or on SIGHUP (everything, no process): both rows.
var rows = new List<(string Server, ApplyStrategyKind Strategy, bool Hup)>();
foreach (var server in new[] { "named", "knotd" })
{
    foreach (var strategy in strategies)
    {
        rows.Add((server, strategy, false));
        if (server == "named" && strategy == ApplyStrategyKind.Signal)
        {
            rows.Add((server, strategy, true));
        }
    }
}

foreach (var (server, strategy, hup) in rows)
{
    var samples = await RunAsync(server, strategy, hup);
    samples.Sort();
    var label = strategy.ToString().ToLowerInvariant() + (hup ? "/HUP" : "");
    Console.WriteLine($"{server,-8} {label,-10} {samples.Count,6} {samples[0],8:0.0} {Percentile(samples, 0.5),10:0.0} {Percentile(samples, 0.9),8:0.0} {samples[^1],8:0.0}");
}

async Task<List<double>> RunAsync(string server, ApplyStrategyKind strategy, bool hup)
{
    var dir = Directory.CreateTempSubdirectory("betterdns-visibility-").FullName;
    try
    {
        var zoneFile = Path.Combine(dir, "cluster.internal.zone");
        var options = server == "named" ? Bind(dir, zoneFile) : Knot(dir, zoneFile);
        if (hup)
        {
            options.ReloadCommand = null;
            options.ReloadSignal = "SIGHUP";
        }

        var records = new List<ResourceRecord>();
        Write(zoneFile, 1, records);
        var supervision = new SupervisionOptions { ProbeInterval = TimeSpan.FromMilliseconds(5) };
        var bridge = new ProcessBridge(options, new ControlledZone(origin, zoneFile), supervision, NullLoggerFactory.Instance, TimeProvider.System);
        var controller = new DnsController(bridge, IApplyStrategy.For(strategy), null, NullLogger<DnsController>.Instance);
        await controller.StartAsync(CancellationToken.None);
        try
        {
            if (!await bridge.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(30)))
            {
                throw new InvalidOperationException($"{server} did not start");
            }

            var client = new LookupClient(new LookupClientOptions(bridge.ProbeEndpoint)
            {
                UseCache = false, Retries = 0, Timeout = TimeSpan.FromMilliseconds(200), ThrowDnsErrors = false,
            });
            var samples = new List<double>();
            for (var i = 1; i <= writes; i++)
            {
                var name = DomainName.Parse($"vm-{i}", origin);
                var address = new IPAddress([10, 9, (byte)(i >> 8), (byte)i]);
                records.Add(new ResourceRecord(name, 60, DnsClass.IN, new AData(address)));
                var started = Stopwatch.GetTimestamp();
                Write(zoneFile, (uint)(i + 1), records);
                var apply = controller.RequestApplyAsync();
                while (true)
                {
                    try
                    {
                        var response = await client.QueryAsync(name.Value, QueryType.A);
                        if (response.Answers.OfType<ARecord>().Any(a => a.Address.Equals(address)))
                        {
                            break;
                        }
                    }
                    catch (DnsResponseException)
                    {
                        // Restarting: not answering yet.
                    }

                    if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
                    {
                        throw new TimeoutException($"{name} not visible in {server} after 30 s");
                    }

                    await Task.Delay(1);
                }

                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var result = await apply;
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(result.Error);
                }
            }

            return samples;
        }
        finally
        {
            await controller.StopAsync(CancellationToken.None);
            await bridge.DisposeAsync();
        }
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
}

void Write(string path, uint serial, List<ResourceRecord> records)
{
    var ns1 = DomainName.Parse("ns1", origin);
    var zone = new DnsZone(origin, 60, new List<ResourceRecord>
    {
        new(origin, 60, DnsClass.IN, new SoaData(ns1, DomainName.Parse("hostmaster", origin), serial, 3600, 600, 86400, 1)),
        new(origin, 60, DnsClass.IN, new NameData(RecordType.NS, ns1)),
        new(ns1, 60, DnsClass.IN, new AData(IPAddress.Loopback)),
    }.Concat(records));
    var temporary = path + ".tmp";
    using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
    {
        ZoneFileWriter.Write(zone, stream);
        stream.Flush(flushToDisk: true);
    }

    File.Move(temporary, path, overwrite: true);
}

ProcessServerOptions Bind(string dir, string zoneFile)
{
    var port = FreePort();
    var control = FreePort();
    File.WriteAllText(Path.Combine(dir, "rndc.key"),
        $"key \"rndc-key\" {{ algorithm hmac-sha256; secret \"{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\"; }};\n");
    File.WriteAllText(Path.Combine(dir, "named.conf"), $$"""
        options { directory "{{dir}}"; listen-on port {{port}} { 127.0.0.1; }; listen-on-v6 { none; }; recursion no;
                  pid-file "{{dir}}/named.pid"; session-keyfile "{{dir}}/session.key"; };
        include "{{dir}}/rndc.key";
        controls { inet 127.0.0.1 port {{control}} allow { 127.0.0.1; } keys { "rndc-key"; }; };
        zone "cluster.internal." { type primary; file "{{zoneFile}}"; };
        """);
    return new ProcessServerOptions
    {
        Name = "named", Command = "named", Arguments = ["-g", "-c", Path.Combine(dir, "named.conf")],
        ReloadCommand = "rndc",
        ReloadArguments = ["-k", Path.Combine(dir, "rndc.key"), "-s", "127.0.0.1", "-p", control.ToString(), "reload", "cluster.internal."],
        ProbeEndpoint = $"127.0.0.1:{port}",
    };
}

ProcessServerOptions Knot(string dir, string zoneFile)
{
    var port = FreePort();
    var conf = Path.Combine(dir, "knot.conf");
    File.WriteAllText(conf, $"""
        server:
          listen: 127.0.0.1@{port}
          rundir: {dir}
          user: root:root
        database:
          storage: {dir}
        zone:
          - domain: cluster.internal.
            file: {zoneFile}
            zonefile-sync: -1
            journal-content: none
        """);
    return new ProcessServerOptions
    {
        Name = "knotd", Command = "knotd", Arguments = ["-c", conf],
        ReloadCommand = "knotc", ReloadArguments = ["-c", conf, "zone-reload", "cluster.internal."],
        ProbeEndpoint = $"127.0.0.1:{port}",
    };
}

static int FreePort()
{
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    return ((IPEndPoint)socket.LocalEndPoint!).Port;
}

static double Percentile(List<double> sorted, double p) =>
    sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
CS
)
EOF

cd "$work"
echo "visibility: $writes writes per row, strategies: $strategies ($(nproc) cores, $(date -u +%FT%TZ))"
dotnet run -c Release visibility.cs -- "$writes" "$strategies"
