using System.Diagnostics;
using System.Net;
using BetterDns.Registry;
using BetterDns.Registry.Options;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project benchmarks/registry-throughput [preload] [clients] [seconds]
// Measures acknowledged (journal-fsynced) registrations per second and their latency through
// DurableRegistry.SubmitAsync, the same call the HTTP endpoints make, on a real temp directory.
var preload = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var clients = args.Length > 1 ? int.Parse(args[1]) : 64;
var seconds = args.Length > 2 ? double.Parse(args[2]) : 10;
var directory = Path.Combine(Path.GetTempPath(), "betterdns-registry-bench-" + Guid.NewGuid().ToString("N"));

try
{
    var settings = RegistrySettings.ForDirectory(directory) with { MaxRecordsPerOwner = 64 };
    using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Debug));
    var registry = DurableRegistry.Open(settings, TimeProvider.System, logs.CreateLogger<DurableRegistry>());
    var checkpoints = new List<double>();
    var lastWrite = Stopwatch.StartNew();

    var sw = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, preload).Select(i =>
        registry.SubmitAsync(new RegisterChange(new Actor($"pre-{i}", false, ["*"]), $"pre-{i}", Address(i, 0), 60))));
    await registry.FlushAsync();
    Console.WriteLine($"preload: {preload} registrations in {sw.Elapsed.TotalSeconds:F2} s (incl. one checkpoint)");

    sw.Restart();
    await registry.SubmitAsync(new RegisterChange(Actor.Admin("admin"), "probe", IPAddress.Parse("10.255.255.254"), 60));
    await registry.FlushAsync();
    Console.WriteLine($"checkpoint of {registry.Current.Zone.Records.Length} records: {sw.Elapsed.TotalMilliseconds:F0} ms");

    var zone = registry.Current.Zone;
    sw.Restart();
    for (var k = 0; k < 10; k++)
    {
        _ = zone.WithRecords(zone.Records.ToArray());
    }

    Console.WriteLine($"building a DnsZone of {zone.Records.Length} records (a publish): {sw.Elapsed.TotalMilliseconds / 10:F2} ms");
    sw.Restart();
    BetterDns.Zone.Writing.ZoneFileWriter.Write(zone, Stream.Null);
    Console.WriteLine($"  of which ZoneFileWriter.Write: {sw.Elapsed.TotalMilliseconds:F0} ms");
    sw.Restart();
    _ = BetterDns.Zone.Parsing.ZoneFileParser.ParseFile(settings.ZoneFile, settings.Origin);
    Console.WriteLine($"  ZoneFileParser.ParseFile: {sw.Elapsed.TotalMilliseconds:F0} ms");

    var cpuBefore = Environment.CpuUsage.TotalTime;
    var gen2Before = GC.CollectionCount(2);
    var pauseBefore = GC.GetTotalPauseDuration();
    var publishes = 0;
    registry.SnapshotPublished += _ => Interlocked.Increment(ref publishes);
    registry.ZoneFileWritten += _ => checkpoints.Add(lastWrite.Elapsed.TotalMilliseconds);

    var latencies = new List<double>[clients];
    var next = preload;
    var stop = Stopwatch.StartNew();
    var until = TimeSpan.FromSeconds(seconds);
    var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var mine = latencies[c] = new List<double>(200_000);
        while (stop.Elapsed < until)
        {
            var i = Interlocked.Increment(ref next);
            var start = Stopwatch.GetTimestamp();
            var outcome = await registry.SubmitAsync(new RegisterChange(new Actor($"vm-{i}", false, ["*"]), $"vm-{i}", Address(i, 1), 60));
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (outcome.Status != ChangeStatus.Created)
            {
                throw new InvalidOperationException($"unexpected {outcome.Status}: {outcome.Reason}");
            }
        }
    })).ToArray();
    await Task.WhenAll(workers);
    var elapsed = stop.Elapsed.TotalSeconds;
    var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
    Console.WriteLine($"GC during load: {GC.CollectionCount(2) - gen2Before} gen2 collections, {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:F0} ms paused");

    var all = latencies.SelectMany(l => l).Order().ToArray();
    double P(double q) => all[Math.Min(all.Length - 1, (int)(q * all.Length))];
    Console.WriteLine($"load: {clients} clients, {all.Length} acknowledged registrations in {elapsed:F1} s = {all.Length / elapsed:F0}/s");
    Console.WriteLine($"latency ms: p50 {P(0.50):F2}  p90 {P(0.90):F2}  p99 {P(0.99):F2}  p99.9 {P(0.999):F2}  max {all[^1]:F2}");
    Console.WriteLine($"snapshots published: {publishes} (avg batch {all.Length / (double)Math.Max(1, publishes):F1}), zone file writes during load: {checkpoints.Count}");
    Console.WriteLine($"process CPU during load: {cpu.TotalSeconds:F1} s = {cpu.TotalMilliseconds / all.Length:F3} ms per registration (checkpoints included)");

    // A sync round's question "which served registrations are PENDING?", with all but 500 in sync: the
    // full scan it used to be, and the writer-kept pending set it is now. CPU time, so a busy machine matters less.
    var inSync = registry.Current.All.Skip(500).Select(r => (r.Fqdn, r.Address)).ToList();
    await registry.MarkInSyncAsync(inSync);
    var current = registry.Current;
    const int rounds = 20;
    var scanCpu = Environment.CpuUsage.TotalTime;
    var scanned = 0;
    for (var k = 0; k < rounds; k++)
    {
        scanned = current.Served.Where(r => r.Sync == SyncStatus.Pending).Count();
    }

    scanCpu = Environment.CpuUsage.TotalTime - scanCpu;
    var keptCpu = Environment.CpuUsage.TotalTime;
    var kept = 0;
    for (var k = 0; k < rounds; k++)
    {
        kept = current.PendingServed().Count;
    }

    keptCpu = Environment.CpuUsage.TotalTime - keptCpu;
    Console.WriteLine($"sync round over {current.All.Count()} registrations, {kept} pending: full scan {scanCpu.TotalMilliseconds / rounds:F2} ms CPU ({scanned} found), pending set {keptCpu.TotalMilliseconds / rounds:F3} ms CPU");

    sw.Restart();
    await registry.DisposeAsync();
    Console.WriteLine($"shutdown with final checkpoint of {registry.Current.Zone.Records.Length} records: {sw.Elapsed.TotalMilliseconds:F0} ms");

    sw.Restart();
    var reopened = DurableRegistry.Open(settings, TimeProvider.System, logs.CreateLogger<DurableRegistry>());
    Console.WriteLine($"restart (load zone file + metadata): {sw.Elapsed.TotalMilliseconds:F0} ms, {reopened.Current.All.Count()} registrations");
    await reopened.DisposeAsync();
    Console.WriteLine($"zone file: {new FileInfo(settings.ZoneFile).Length / 1024} KiB, metadata: {new FileInfo(Path.Combine(directory, "registrations.json")).Length / 1024} KiB");

    // Replay after a crash: a registry that never checkpoints takes `replay` registrations (journal only);
    // a copy of its data directory taken while it runs is what a crash leaves. What MaxCheckpointInterval bounds.
    var replayDirectory = directory + "-replay";
    var replaySettings = settings with { DataDirectory = replayDirectory, ZoneFile = Path.Combine(replayDirectory, "cluster.internal.zone"), ZoneFlushInterval = TimeSpan.FromHours(1) };
    var journaled = DurableRegistry.Open(replaySettings, TimeProvider.System);
    const int replay = 50_000;
    await Task.WhenAll(Enumerable.Range(0, replay).Select(i =>
        journaled.SubmitAsync(new RegisterChange(new Actor($"r-{i}", false, ["*"]), $"r-{i}", Address(i, 2), 60))));
    var crashed = directory + "-crashed";
    Directory.CreateDirectory(crashed);
    foreach (var file in Directory.EnumerateFiles(replayDirectory))
    {
        File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
    }

    await journaled.DisposeAsync();
    sw.Restart();
    var recovered = DurableRegistry.Open(replaySettings with { DataDirectory = crashed, ZoneFile = Path.Combine(crashed, "cluster.internal.zone") }, TimeProvider.System);
    Console.WriteLine($"restart replaying {replay} journaled registrations (no checkpoint): {sw.Elapsed.TotalMilliseconds:F0} ms, {recovered.Current.All.Count()} registrations");
    await recovered.DisposeAsync();
    Directory.Delete(replayDirectory, recursive: true);
    Directory.Delete(crashed, recursive: true);
}
finally
{
    Directory.Delete(directory, recursive: true);
}

static IPAddress Address(int i, int net) => new([(byte)(10 + net), (byte)(i >> 16), (byte)(i >> 8), (byte)i]);
