using System.Diagnostics;
using System.Net;
using System.Text.Json;
using WriteLoad;

// Usage: dotnet benchmarks/WriteLoad/bin/Release/net10.0/WriteLoad.dll --target betterdns|powerdns --url http://127.0.0.1:PORT
//   --dns 127.0.0.1:PORT (--token JWT | --api-key KEY) [--clients 1] [--duration 15] [--warmup 3] [--mix 60/30/10]
//   [--prefix wl] [--visibility-samples 50] [--zone cluster.internal.] [--server-pid PID] [--label text] [--out results.jsonl]
// Names are <prefix>-<worker>-<n> (warm-up: <prefix>w-<worker>-<n>); worker 0 also samples visibility after registrations.
var options = LoadOptions.Parse(args);
var serverPid = options.ServerPid;

using var http = HttpWrites.CreateClient(options.Url, options.Clients);
IWriteTarget target = options.Target == "betterdns"
    ? new BetterDnsTarget(http, options.Credential)
    : new PowerDnsTarget(http, options.Credential, options.Zone);

if (options.WarmUp > TimeSpan.Zero)
{
    var warm = await RunWorkersAsync(options.Prefix + "w", options.WarmUp, sampling: null);
    Console.WriteLine($"{options.Label}: warm-up {warm.LatenciesMs.Count} acknowledged, {warm.Errors.Values.Sum()} errors");
}

using var udp = new UdpProbe(new IPEndPoint(IPAddress.Parse(options.DnsHost), options.DnsPort));
var loadBefore = ProcessCpu.LoadAverage();
var serverCpuBefore = ProcessCpu.Seconds(serverPid);
var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
var sampler = new VisibilitySampler(udp, new DigProbe(options.DnsHost, options.DnsPort), options.Zone, options.VisibilitySamples, options.Duration);
var tally = await RunWorkersAsync(options.Prefix, options.Duration, sampler);
var seconds = clock.Elapsed.TotalSeconds;
var serverCpu = ProcessCpu.Seconds(serverPid) - serverCpuBefore;
var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore).TotalSeconds;

var latencies = Percentiles.Sorted(tally.LatenciesMs);
var udpMs = Percentiles.Sorted(sampler.UdpMs);
var digMs = Percentiles.Sorted(sampler.DigMs);
var result = new RunResult(
    options.Label, options.Target, options.Clients, Math.Round(seconds, 2), latencies.Count, Math.Round(latencies.Count / seconds, 1),
    tally.Creates, tally.Updates, tally.Deletes, tally.Errors.Values.Sum(), tally.Errors,
    Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 90), Percentiles.Of(latencies, 99), Percentiles.Of(latencies, 100),
    udpMs.Count, Percentiles.Of(udpMs, 50), Percentiles.Of(udpMs, 100), digMs.Count, Percentiles.Of(digMs, 50), sampler.NotVisible,
    Math.Round(serverCpu, 2), Math.Round(clientCpu, 2), loadBefore, ProcessCpu.LoadAverage());

Console.WriteLine(
    $"{result.Label}: {result.Acknowledged} acknowledged in {seconds:F1} s = {result.WritesPerSecond:F1}/s " +
    $"(create/update/delete {result.Creates}/{result.Updates}/{result.Deletes}), errors {result.Errors}; " +
    $"latency ms p50 {result.P50Ms:F2} p90 {result.P90Ms:F2} p99 {result.P99Ms:F2} max {result.MaxMs:F1}; " +
    $"visible after ack: udp median {result.VisibilityUdpMedianMs:F2} ms (n={udpMs.Count}, max {result.VisibilityUdpMaxMs:F1}), " +
    $"dig median {result.VisibilityDigMedianMs:F1} ms (n={digMs.Count}), not visible {sampler.NotVisible}; " +
    $"server CPU {serverCpu:F1} s, client CPU {clientCpu:F1} s; load {loadBefore} -> {result.LoadAverageAfter}");
foreach (var (kind, count) in tally.Errors.OrderByDescending(e => e.Value))
{
    Console.WriteLine($"  error x{count}: {kind}");
}

if (options.Output is not null)
{
    await File.AppendAllTextAsync(options.Output, JsonSerializer.Serialize(result, RunResultJson.Default.RunResult) + "\n");
}

async Task<Tally> RunWorkersAsync(string prefix, TimeSpan duration, VisibilitySampler? sampling)
{
    var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var workers = Enumerable.Range(0, options.Clients)
        .Select(w => new LoadWorker(target, options.Mix, $"{prefix}-{w}", seed: w + 1, w == 0 ? sampling : null)).ToArray();
    await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(deadline))));
    return Tally.Merge(workers.Select(w => w.Tally));
}
