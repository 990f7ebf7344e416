using System.Collections.Concurrent;
using System.Diagnostics;
using BetterDns.Reliability.Infrastructure;

namespace BetterDns.Reliability.HostileInput;

/// <summary>
/// A seeded fuzz run over every route. The fuzzer only holds tokens that may change nothing it names (a
/// VM token for a name pattern it never generates, broken, forged and missing tokens), so every write it
/// sends must be refused: no 5xx, no hang, every 4xx a problem+json body, and the zone file byte-identical.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task FuzzedRequestsOnEveryRouteAreRefusedCleanlyAndLeaveTheZoneFileUntouched()
    {
        var requests = ReliabilityMode.Pick(5000, 50_000);
        var seed = ReliabilityMode.Seed(6_5000);
        using var directory = new TempDirectory();
        // The limiter stays in the pipeline (it partitions every fuzzed token) but with room for the whole run,
        // so the requests reach the routes instead of stopping at 429.
        await using var service = new BetterDnsProcess(directory.Path, new Dictionary<string, string>
        {
            ["RateLimit:PermitsPerSecond"] = "10000000",
            ["RateLimit:Burst"] = "10000000",
        });
        var tokens = await Task.WhenAll(
            service.CreateTokenAsync("fuzz-owner", "seed-*"),
            service.CreateTokenAsync("fuzz-vm", "zz9zz9-*"),
            service.CreateTokenAsync("fuzz-reader", admin: true));
        var (owner, fuzzVm, admin) = (tokens[0], tokens[1], tokens[2]);
        await service.StartAsync();

        string[] seeded = ["seed-1", "seed-2", "seed-3"];
        foreach (var name in seeded)
        {
            using var created = await service.Http.SendAsync(Api.Register(owner, name, $"10.9.9.{name[^1]}"));
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        var before = await ServiceState.ObserveAsync(service, admin, seeded);
        var zoneBefore = await File.ReadAllBytesAsync(service.ZoneFile);

        var fuzzer = new RequestFuzzer(service.BaseAddress, [fuzzVm], seeded);
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        var slowest = TimeSpan.Zero;
        var next = -1;
        var refusedByKestrel = 0;
        var notReady = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                var (request, description) = fuzzer.Build(new Random(seed + index));
                using var timeout = new CancellationTokenSource(PerRequest);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await service.Http.SendAsync(request, timeout.Token);
                    var status = (int)response.StatusCode;
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (IsRefusedByKestrel(response))
                    {
                        Interlocked.Increment(ref refusedByKestrel);
                    }
                    else if (status == 503 && request.RequestUri!.AbsolutePath == "/readyz")
                    {
                        // Readiness, not a failure: under this load the DNS server's SOA probe can miss its timeout.
                        Interlocked.Increment(ref notReady);
                    }
                    else if (status >= 500)
                    {
                        failures.Enqueue($"#{index} {description}: {status} {await response.Content.ReadAsStringAsync()}");
                    }
                    else if (status >= 400 && request.Method != HttpMethod.Head && !await Api.IsProblemAsync(response))
                    {
                        failures.Enqueue($"#{index} {description}: {status} is not problem+json: {response.Content.Headers.ContentType} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (OperationCanceledException)
                {
                    failures.Enqueue($"#{index} {description}: no answer within {PerRequest.TotalSeconds} s");
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue($"#{index} {description}: {e.Message}");
                }

                var took = Stopwatch.GetElapsedTime(started);
                lock (failures)
                {
                    slowest = took > slowest ? took : slowest;
                }
            }
        })));
        var elapsed = clock.Elapsed;

        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests} requests failed (seed {seed}):\n{string.Join("\n", failures.Take(15))}\n{service.Tail(20)}");
        Assert.Equal(zoneBefore, await File.ReadAllBytesAsync(service.ZoneFile));
        var after = await ServiceState.ObserveAsync(service, admin, seeded);
        Assert.Empty(ServiceState.Differences(before, after));
        Figures.Report(output, $"hostile input: {requests} requests in {elapsed.TotalSeconds:F1} s, statuses " +
            string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}x{p.Value}")) +
            $" ({refusedByKestrel} of the 400s from Kestrel's request parser, before the application; {notReady} of the 503s from /readyz), slowest {slowest.TotalMilliseconds:F0} ms, " +
            $"zone file byte-identical, seed {seed}");
    }

    /// <summary>
    /// Kestrel refuses some requests while parsing them (a NUL or invalid UTF-8 in the decoded path), before any
    /// middleware runs: an empty 400 that closes the connection. The application cannot shape those answers.
    /// </summary>
    private static bool IsRefusedByKestrel(HttpResponseMessage response) =>
        response.StatusCode == System.Net.HttpStatusCode.BadRequest
        && response.Headers.ConnectionClose == true
        && response.Content.Headers.ContentLength == 0;
}
