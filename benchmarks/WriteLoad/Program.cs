using System.Diagnostics;
using System.Net;
using System.Text.Json;
using WriteLoad;

// Usage: dotnet benchmarks/WriteLoad/bin/Release/net10.0/WriteLoad.dll --target betterdns|powerdns --url http://127.0.0.1:PORT
//   --dns 127.0.0.1:PORT (--token JWT | --api-key KEY) [--clients 1] [--duration 15] [--warmup 3] [--mix 60/30/10]
//   [--prefix wl] [--visibility-samples 20] [--zone cluster.internal.] [--server-pid PID] [--label text] [--out results.jsonl]
//   [--rate N] (the measured load paced to N writes/s in all, spread over the clients; default: as fast as each client can)
// Phases: warm-up (names <prefix>w-<worker>-<n>), the measured load (<prefix>-<worker>-<n>; with several clients,
// worker 0 also samples visibility under load), then visibility alone: one writer, one registration at a time (<prefix>q-0-<n>).
var options = LoadOptions.Parse(args);
var serverPid = options.ServerPid;

using var http = HttpWrites.CreateClient(options.Url, options.Clients);
IWriteTarget target = options.Target == "betterdns"
    ? new BetterDnsTarget(http, options.Credential)
    : new PowerDnsTarget(http, options.Credential, options.Zone);
using var udp = new UdpProbe(new IPEndPoint(IPAddress.Parse(options.DnsHost), options.DnsPort));
var dig = new DigProbe(options.DnsHost, options.DnsPort);

if (options.WarmUp > TimeSpan.Zero)
{
    var warm = await RunWorkersAsync(options.Prefix + "w", options.Clients, options.WarmUp, sampling: null);
    Console.WriteLine($"{options.Label}: warm-up {warm.LatenciesMs.Count} acknowledged, {warm.Errors.Values.Sum()} errors");
}

// With one client the only writer would be the one waiting for DNS, so there is no "under load" to sample.
var underLoad = new VisibilitySampler(udp, dig, options.Zone, options.Clients > 1 ? options.VisibilitySamples : 0, options.Duration);
var loadBefore = ProcessCpu.LoadAverage();
var serverCpuBefore = ProcessCpu.Seconds(serverPid);
var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var tally = await RunWorkersAsync(options.Prefix, options.Clients, options.Duration, underLoad);
var seconds = options.Duration.TotalSeconds;
var serverCpu = ProcessCpu.Seconds(serverPid) - serverCpuBefore;
var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore).TotalSeconds;
var loadAfter = ProcessCpu.LoadAverage();

// Visibility alone: each registration is measured as soon as it is acknowledged (sampler always due). One
// unmeasured query of each kind first, so the client's own first-call costs (JIT, socket) stay out of the samples.
await udp.AnswersAsync("warm-up." + options.Zone, IPAddress.Loopback, TimeSpan.FromSeconds(1), CancellationToken.None);
if (DigProbe.Available)
{
    await dig.AnswersAsync("warm-up." + options.Zone, IPAddress.Loopback, CancellationToken.None);
}

var quiet = new VisibilitySampler(udp, dig, options.Zone, options.VisibilitySamples, TimeSpan.Zero);
var quietWorker = new LoadWorker(target, new Mix(100, 0, 0), options.Prefix + "q-0", seed: 99, quiet);
while (quiet.Taken < options.VisibilitySamples && quietWorker.Tally.Errors.Values.Sum() < 10 * options.VisibilitySamples)
{
    await quietWorker.RunOnceAsync();
}

var latencies = Percentiles.Sorted(tally.LatenciesMs);
var result = new RunResult(
    options.Label, options.Target, options.Clients, Math.Round(seconds, 2), latencies.Count, Math.Round(latencies.Count / seconds, 1),
    tally.Creates, tally.Updates, tally.Deletes, tally.Late, tally.Errors.Values.Sum(), tally.Errors,
    Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 90), Percentiles.Of(latencies, 99), Percentiles.Of(latencies, 100),
    Visibility.Of(underLoad), Visibility.Of(quiet),
    Math.Round(serverCpu, 2), Math.Round(clientCpu, 2), loadBefore, loadAfter);

Console.WriteLine(
    $"{result.Label}: {result.Acknowledged} acknowledged in {seconds:F1} s = {result.WritesPerSecond:F1}/s " +
    $"(create/update/delete {result.Creates}/{result.Updates}/{result.Deletes}; {tally.Late} more after the deadline), errors {result.Errors}; " +
    $"latency ms p50 {result.P50Ms:F2} p90 {result.P90Ms:F2} p99 {result.P99Ms:F2} max {result.MaxMs:F1}; " +
    $"server CPU {serverCpu:F1} s, client CPU {clientCpu:F1} s; load {loadBefore} -> {loadAfter}");
Console.WriteLine($"  visible after ack, under load: {result.UnderLoad}");
Console.WriteLine($"  visible after ack, alone:      {result.Quiet}");
foreach (var (kind, count) in tally.Errors.OrderByDescending(e => e.Value))
{
    Console.WriteLine($"  error x{count}: {kind}");
}

if (options.Output is not null)
{
    await File.AppendAllTextAsync(options.Output, JsonSerializer.Serialize(result, RunResultJson.Default.RunResult) + "\n");
}

async Task<Tally> RunWorkersAsync(string prefix, int clients, TimeSpan duration, VisibilitySampler? sampling)
{
    var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var workers = Enumerable.Range(0, clients)
        .Select(w => new LoadWorker(target, options.Mix, $"{prefix}-{w}", seed: w + 1, w == 0 ? sampling : null,
            sampling is not null && options.Rate is > 0 ? TimeSpan.FromSeconds(clients / options.Rate.Value) : null)).ToArray();
    await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(deadline))));
    return Tally.Merge(workers.Select(w => w.Tally));
}
