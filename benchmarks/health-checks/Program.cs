using System.Diagnostics;
using System.Net;
using BetterDns.Health;
using BetterDns.Registry;
using BetterDns.Registry.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Usage: dotnet run -c Release --project benchmarks/health-checks [records] [intervalSeconds] [windowSeconds] [mix]
// Registers N records in a real DurableRegistry (temp directory) with checks every interval: a quarter
// HTTP (GET /alive, expect "alive") and a quarter TCP against live loopback listeners (in a child
// process), half TCP to 127.0.1.x ports nobody listens on (refused). The mix "http", "tcp" or "down"
// (default "all") makes every record that one kind instead, to see what each kind costs. Waits until the unreachable half is critical, then
// measures the process's CPU time and memory over a window, then kills targets of records that were
// passing and measures how long each takes to leave the served zone.
if (args is ["targets", ..])
{
    await TargetProcess.RunAsync();
    return;
}

var records = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var interval = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1]) : 10);
var window = TimeSpan.FromSeconds(args.Length > 2 ? double.Parse(args[2]) : 30);
var mix = args.Length > 3 ? args[3] : "all";
if (mix is not ("all" or "http" or "tcp" or "down"))
{
    throw new ArgumentException($"mix is all, http, tcp or down, not '{mix}'");
}

const int failures = 3;
var directory = Path.Combine(Path.GetTempPath(), "betterdns-health-bench-" + Guid.NewGuid().ToString("N"));

using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error));
var registry = DurableRegistry.Open(RegistrySettings.ForDirectory(directory), TimeProvider.System, logs.CreateLogger<DurableRegistry>());
var options = Options.Create(new HealthOptions { MaxConcurrency = 64 });
var board = new HealthBoard();
var events = new HealthEvents(options, TimeProvider.System, logs.CreateLogger<HealthEvents>());
using var probes = new CheckProbes(options, board, TimeProvider.System);
var checker = new HealthChecker(registry, probes, board, events, options, TimeProvider.System, logs.CreateLogger<HealthChecker>());

// The targets run in a child process, so the CPU measured here is the checker's (and the registry's).
const int victims = TargetProcess.Victims;
using var targets = TargetProcess.Start();
var live = targets.Live;
var victimTargets = targets.VictimEndpoints;
HealthCheck Check(CheckKind kind, int port) => new(kind, port, "/alive", null, kind == CheckKind.Http ? "alive" : null, null,
    interval, TimeSpan.FromSeconds(2), failures, 2, null);

var sw = Stopwatch.StartNew();
var admin = Actor.Admin("bench");
var submissions = new List<Task<ChangeOutcome>>();
for (var i = 0; i < records - victims; i++)
{
    RegisterChange change;
    var up = mix switch { "all" => i % 2 == 0, "down" => false, _ => true };
    if (up)
    {
        // "all": HTTP and TCP targets alternate; "http"/"tcp": only targets of that kind.
        var kinds = live.Where(t => mix == "all" || t.Http == (mix == "http")).ToList();
        var target = kinds[(mix == "all" ? i / 2 : i) % kinds.Count];
        change = new RegisterChange(admin, $"up-{i}", target.Address, 60, Check(target.Http ? CheckKind.Http : CheckKind.Tcp, target.Port));
    }
    else
    {
        change = new RegisterChange(admin, $"down-{i}", IPAddress.Parse($"127.0.1.{i % 250 + 1}"), 60, Check(CheckKind.Tcp, 1 + i % 50));
    }

    submissions.Add(registry.SubmitAsync(change));
}

for (var v = 0; v < victims; v++)
{
    submissions.Add(registry.SubmitAsync(new RegisterChange(admin, $"victim-{v}", victimTargets[v].Address, 60, Check(CheckKind.Tcp, victimTargets[v].Port))));
}

await Task.WhenAll(submissions);
Console.WriteLine($"registered {records} records in {sw.Elapsed.TotalSeconds:F1} s");

await checker.StartAsync(CancellationToken.None);
sw.Restart();
var settle = interval * (failures + 1) + TimeSpan.FromSeconds(2);
var unreachable = registry.Current.All.Count(r => r.Name.StartsWith("down-", StringComparison.Ordinal));
while (sw.Elapsed < settle || registry.Current.All.Count(r => r.Health.Status == HealthVerdict.Critical) < unreachable)
{
    await Task.Delay(500);
}

var critical = registry.Current.All.Count(r => r.Health.Status == HealthVerdict.Critical);
Console.WriteLine($"settled after {sw.Elapsed.TotalSeconds:F1} s: {critical} critical, {registry.Current.All.Count() - critical} passing, {checker.Checking} checked");

GC.Collect();
var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
var userBefore = process.UserProcessorTime;
var wall = Stopwatch.StartNew();
var gcBefore = GC.CollectionCount(0);
await Task.Delay(window);
process.Refresh();
var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
var user = (process.UserProcessorTime - userBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
Console.WriteLine($"steady state over {wall.Elapsed.TotalSeconds:F0} s: CPU {cpu * 100:F1}% of one core (user {user * 100:F1}%, kernel {(cpu - user) * 100:F1}%), working set {process.WorkingSet64 / 1048576} MiB, " +
    $"managed heap {GC.GetTotalMemory(false) / 1048576} MiB, threads {process.Threads.Count}, gen0 GCs {GC.CollectionCount(0) - gcBefore}, " +
    $"checks/s expected {records / interval.TotalSeconds:F0}, mix {mix}, load average {File.ReadAllText("/proc/loadavg")[..14]}");

// Kill each victim's listener at a different point of its check cycle and time its way out of the zone.
var latencies = new List<double>();
var kills = victimTargets.Select(async (target, v) =>
{
    await Task.Delay(TimeSpan.FromSeconds(interval.TotalSeconds * v / victims));
    var fqdn = registry.Current.All.First(r => r.Name == $"victim-{v}").Fqdn;
    targets.Kill(v);
    var clock = Stopwatch.StartNew();
    while (registry.Current.Zone.Records.Any(r => r.Owner == fqdn))
    {
        await Task.Delay(20);
    }

    lock (latencies)
    {
        latencies.Add(clock.Elapsed.TotalSeconds);
    }
});
await Task.WhenAll(kills);
latencies.Sort();
Console.WriteLine($"detection latency (target dies → out of the served zone), {latencies.Count} targets: " +
    $"min {latencies[0]:F2} s, median {latencies[latencies.Count / 2]:F2} s, max {latencies[^1]:F2} s; " +
    $"budget interval × failuresBeforeCritical + 1 s = {interval.TotalSeconds * failures + 1:F0} s");

await checker.StopAsync(CancellationToken.None);
await registry.DisposeAsync();
Directory.Delete(directory, recursive: true);
