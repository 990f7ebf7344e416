using System.Diagnostics;
using System.Net;
using BetterDns.Reliability.Infrastructure;

namespace BetterDns.Reliability.Concurrency;

/// <summary>
/// A thousand clients at once on twenty shared names, under a handful of owners racing for them (a name
/// belongs to one owner at a time; the others get 403 until its pool is empty again). The checkable model:
/// every client draws addresses from its own range, so the presence of (name, address) is decided by that
/// client's last acknowledged change whatever order the server serialised the others in; clients whose
/// token nobody else holds also replace and remove their whole pool (PUT, DELETE), which only they touch.
/// A refusal changes nothing. The final state (GET /a, the zone file and DNS) must equal the union of what
/// each client holds, every name must have a single owner, and no answer may be a 5xx.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Names = 20;
    private const int SoloClients = 4;
    private const int SharedOwners = 4;

    [Fact]
    public async Task AThousandConcurrentClientsLeaveExactlyWhatTheirAcknowledgedChangesImply()
    {
        var clients = ReliabilityMode.Pick(1000, 1000);
        var opsPerClient = ReliabilityMode.Pick(6, 40);
        var seed = ReliabilityMode.Seed(6_1000);
        using var directory = new TempDirectory();
        await using var service = new BetterDnsProcess(directory.Path, new Dictionary<string, string>
        {
            ["Registry:MaxRecordsPerOwner"] = "1000000",
            // Hundreds of clients share each token here; the per-token limiter (tested in Limits) would refuse most of them.
            ["RateLimit:Enabled"] = "false",
        });
        var tokenTasks = Enumerable.Range(0, SoloClients).Select(c => service.CreateTokenAsync($"solo-{c}", "k-*"))
            .Concat(Enumerable.Range(0, SharedOwners).Select(o => service.CreateTokenAsync($"shared-{o}", "k-*")))
            .Append(service.CreateTokenAsync("reader", admin: true));
        var tokens = await Task.WhenAll(tokenTasks);
        var reader = tokens[^1];
        await service.StartAsync();

        var runs = Enumerable.Range(0, clients).Select(_ => new ClientRun()).ToArray();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => c < SoloClients
            ? SoloClientAsync(service.Http, tokens[c], c, runs[c], new Random(seed + c), opsPerClient)
            : SharedClientAsync(service.Http, tokens[SoloClients + c % SharedOwners], c, runs[c], new Random(seed + c), opsPerClient))));
        var elapsed = clock.Elapsed;

        var failures = runs.SelectMany(r => r.Failures).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} failures, first: {string.Join("\n", failures.Take(10))}");

        var names = Enumerable.Range(0, Names).Select(n => $"k-{n}").ToList();
        var expected = names.ToDictionary(n => n, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var (name, ip) in run.Held)
            {
                expected[name].Add(ip);
            }

            foreach (var (name, pool) in run.Pools)
            {
                expected[name].UnionWith(pool);
            }
        }

        var actual = await ServiceState.ObserveAsync(service, reader, names);
        var differences = ServiceState.Differences(actual, expected.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
        Assert.True(differences.Count == 0, "final state (actual vs model): " + string.Join("; ", differences.Take(10)));
        Assert.Empty(await NamesWithSeveralOwnersAsync(service.Http, reader));

        var acknowledged = runs.Sum(r => r.Acknowledged);
        Figures.Report(output, $"concurrency: {clients} clients, {acknowledged} acknowledged changes, {runs.Sum(r => r.Refused)} refused, " +
            $"{runs.Sum(r => r.Reads)} reads, 0 5xx, {expected.Values.Sum(v => v.Count)} addresses left on {Names} names, " +
            $"{elapsed.TotalSeconds:F1} s ({acknowledged / elapsed.TotalSeconds:F0} acknowledged changes/s), seed {seed}");
        Assert.True(acknowledged >= clients, $"too few changes were acknowledged: {acknowledged}");
    }

    /// <summary>Registers and removes its own addresses on random shared names, and reads its own writes back.</summary>
    private static async Task SharedClientAsync(HttpClient http, string token, int client, ClientRun run, Random random, int ops)
    {
        for (var op = 0; op < ops; op++)
        {
            var name = $"k-{random.Next(Names)}";
            var mine = run.Held.Where(h => h.Name == name).Select(h => h.Ip).ToList();
            if (mine.Count > 0 && random.Next(3) == 0)
            {
                var ip = mine[random.Next(mine.Count)];
                if (await ChangeAsync(http, Api.Remove(token, name, ip), run))
                {
                    run.Held.Remove((name, ip));
                    await ExpectOwnWriteAsync(http, token, name, ip, present: false, run);
                }
            }
            else
            {
                var ip = Address(client, random);
                if (await ChangeAsync(http, Api.Register(token, name, ip), run))
                {
                    run.Held.Add((name, ip));
                    await ExpectOwnWriteAsync(http, token, name, ip, present: true, run);
                }
            }
        }
    }

    /// <summary>The only holder of its token: replaces, extends and removes its whole pool under shared names.</summary>
    private static async Task SoloClientAsync(HttpClient http, string token, int client, ClientRun run, Random random, int ops)
    {
        for (var op = 0; op < ops; op++)
        {
            var name = $"k-{random.Next(Names)}";
            var pool = run.Pools.GetValueOrDefault(name) ?? new SortedSet<string>(StringComparer.Ordinal);
            switch (random.Next(3))
            {
                case 0:
                    var ips = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Address(client, random)).ToList();
                    if (await ChangeAsync(http, Api.Replace(token, name, ips), run))
                    {
                        run.Pools[name] = new SortedSet<string>(ips, StringComparer.Ordinal);
                    }

                    break;
                case 1:
                    var ip = Address(client, random);
                    if (await ChangeAsync(http, Api.Register(token, name, ip), run))
                    {
                        run.Pools[name] = new SortedSet<string>(pool.Append(ip), StringComparer.Ordinal);
                    }

                    break;
                default:
                    using (var response = await http.SendAsync(Api.Remove(token, name)))
                    {
                        // 404 (or 403: another owner's name) when it holds nothing there; the pool is empty afterwards either way.
                        if (await CountAsync(response, run, allowed: pool.Count == 0 ? [HttpStatusCode.NotFound, HttpStatusCode.Forbidden] : []))
                        {
                            run.Pools[name] = new SortedSet<string>(StringComparer.Ordinal);
                        }
                    }

                    break;
            }
        }
    }

    private static async Task<bool> ChangeAsync(HttpClient http, HttpRequestMessage request, ClientRun run)
    {
        using var response = await http.SendAsync(request);
        // 403: the name is another owner's right now.
        return await CountAsync(response, run, allowed: [HttpStatusCode.Forbidden]);
    }

    /// <summary>Counts the answer; any 5xx, and any refusal not in <paramref name="allowed"/>, is a failure.</summary>
    private static async Task<bool> CountAsync(HttpResponseMessage response, ClientRun run, HttpStatusCode[] allowed)
    {
        if (response.IsSuccessStatusCode)
        {
            run.Acknowledged++;
            return true;
        }

        run.Refused++;
        if (!allowed.Contains(response.StatusCode))
        {
            run.Failures.Add($"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return false;
    }

    /// <summary>Names whose registrations belong to more than one owner (there must be none).</summary>
    private static async Task<List<string>> NamesWithSeveralOwnersAsync(HttpClient http, string token)
    {
        using var response = await http.SendAsync(Api.Authorised(HttpMethod.Get, "/a", token));
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. document.RootElement.EnumerateArray()
            .Where(set => set.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("owner").GetString()).Distinct().Count() > 1)
            .Select(set => set.GetProperty("name").GetString()!)];
    }

    /// <summary>Read-your-writes: once a change is acknowledged, GET /a/{name} already shows it.</summary>
    private static async Task ExpectOwnWriteAsync(HttpClient http, string token, string name, string ip, bool present, ClientRun run)
    {
        using var response = await http.SendAsync(Api.Authorised(HttpMethod.Get, "/a/" + name, token));
        run.Reads++;
        var body = await response.Content.ReadAsStringAsync();
        var shows = response.StatusCode == HttpStatusCode.OK && body.Contains($"\"ip\":\"{ip}\"", StringComparison.Ordinal);
        if ((int)response.StatusCode >= 500 || shows != present)
        {
            run.Failures.Add($"GET /a/{name} after an acknowledged {(present ? "registration" : "removal")} of {ip}: {(int)response.StatusCode} {body}");
        }
    }

    // Client c owns 10.(100 + c / 250).(c % 250).x: no two clients ever send the same address.
    private static string Address(int client, Random random) =>
        new IPAddress([10, (byte)(100 + client / 250), (byte)(client % 250), (byte)random.Next(1, 255)]).ToString();
}
