using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BetterDns.HealthTests.Infrastructure;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.HealthTests.Api;

/// <summary>
/// Issue 12, row 1, the way the attacker did it: a VM token registers 127.0.0.1 with an http check aimed at a
/// loopback-only service, guesses a prefix with <c>expect</c> and reads the answer from GET /a/{name}. Now the
/// address is refused under the defaults, a tcp check reaches only the registration's own address, and a VM
/// reading its own failing check sees a coarse reason, never a status code, length or body match.
/// </summary>
public sealed class ProbeOracleTests
{
    [Fact]
    public async Task UnderTheDefaultsAVmCannotPointACheckAtALoopbackService()
    {
        await using var secret = TinyHttpServer.Answering(IPAddress.Loopback, "token=abcdef123456");
        await using var app = new BetterDnsApplication();
        // Even a token whose operator listed loopback gets nowhere: the denial list wins.
        var vm = app.CreateClient(app.CreateToken("vm-thief", false, ["thief-*"], ips: ["127.0.0.0/8"]));
        var check = new { kind = "http", port = secret.Port, path = "/", expect = "token=a", interval = "100ms" };

        var posted = await vm.PostAsJsonAsync("/a", new { name = "thief-1", ip = "127.0.0.1", check });
        var put = await vm.PutAsJsonAsync("/a/thief-2", new { ips = new[] { "127.0.0.1" }, check });
        var scan = await vm.PostAsJsonAsync("/a", new { name = "thief-3", ip = "127.0.0.1", check = new { kind = "tcp", port = 22 } });

        Assert.Contains("127.0.0.0/8", (await posted.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("errors").GetProperty("ip")[0].GetString());
        Assert.True((await put.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("errors").TryGetProperty("ips", out _));
        await scan.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("[]", await (await app.CreateAdminClient().GetAsync("/a")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AVmSeesOnlyACoarseReasonForItsOwnFailingChecksAndAnAdminSeesTheDetail()
    {
        var missing = IPAddress.Parse("127.0.0.31");
        var wrongBody = IPAddress.Parse("127.0.0.32");
        await using var notFound = new TinyHttpServer(missing, _ => Task.FromResult((404, "no such page, 29 bytes long..")));
        await using var body = TinyHttpServer.Answering(wrongBody, "token=abcdef123456");
        await using var app = new HealthApp();
        var vm = app.Vm("vm-oracle", "oracle-*");
        var fast = new { interval = "1s", timeout = "1s", failuresBeforeCritical = 1 };
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(vm, "oracle-1", missing,
            new { kind = "http", port = notFound.Port, path = "/secret", fast.interval, fast.timeout, fast.failuresBeforeCritical })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(vm, "oracle-2", wrongBody,
            new { kind = "http", port = body.Port, path = "/", expect = "token=b", fast.interval, fast.timeout, fast.failuresBeforeCritical })).StatusCode);

        // The admin sees the probe's own words once a probe got its answer (a loaded machine may time one out first).
        await HealthUntilAsync(app.Admin, "oracle-1", h => h.Str("lastError")?.Contains("HTTP 404") == true);
        await HealthUntilAsync(app.Admin, "oracle-2", h => h.Str("lastError")?.Contains("characters") == true);

        foreach (var name in new[] { "oracle-1", "oracle-2" })
        {
            var health = await HealthUntilAsync(vm, name, h => h.Str("lastError") == "unexpected response");
            var text = health.GetRawText();
            Assert.Equal("critical", health.Str("state"));
            Assert.Contains(health.Str("reason"), new[] { "unexpected response", "timeout" });
            Assert.Equal("failing", health.Str("lastResult"));
            Assert.DoesNotContain("404", text);
            Assert.DoesNotContain("HTTP", text);
            Assert.DoesNotContain("token=", text);
            Assert.DoesNotContain("characters", text);
            Assert.DoesNotContain("within", text);
        }

        var listed = (await VmHealthAsync(vm)).Select(h => h.GetRawText()).ToList();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, text => Assert.DoesNotContain("HTTP", text));
    }

    [Fact]
    public async Task ATcpCheckReachesOnlyItsRegistrationsAddressWhateverTheCheckSays()
    {
        using var other = new TcpTarget(IPAddress.Parse("127.0.0.41"));
        var own = IPAddress.Parse("127.0.0.42");
        await using var app = new HealthApp();
        var vm = app.Vm("vm-scan", "scan-*");

        // No field names another host: an address, URL or target is an unknown member, refused whole.
        foreach (var field in new[] { "address", "ip", "url", "target" })
        {
            var body = $$$"""{"name":"scan-0","ip":"{{{own}}}","check":{"kind":"tcp","port":{{{other.Port}}},"{{{field}}}":"127.0.0.41"}}""";
            var refused = await vm.SendAsync(Http.RawPost("/a", body));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        // 'host' is only an HTTP Host header: the probe still goes to the registered address, where nothing listens.
        var check = new { kind = "tcp", port = other.Port, host = "127.0.0.41", interval = "1s", timeout = "1s", failuresBeforeCritical = 1 };
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(vm, "scan-1", own, check)).StatusCode);

        await app.WaitForStateAsync("scan-1", own, "critical");
        await HealthUntilAsync(app.Admin, "scan-1", h => h.Str("lastError")?.Contains("refused", StringComparison.OrdinalIgnoreCase) == true);
        var seen = await HealthUntilAsync(vm, "scan-1", h => h.Str("lastError") == "refused");
        Assert.Equal("critical", seen.Str("state"));
    }

    /// <summary>Polls GET /a/{name} until its one record's health satisfies <paramref name="wanted"/> (10 s at most).</summary>
    private static async Task<JsonElement> HealthUntilAsync(HttpClient client, string name, Func<JsonElement, bool> wanted)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        JsonElement health;
        do
        {
            var set = await (await client.GetAsync("/a/" + name)).ReadJsonAsync();
            health = set.GetProperty("records")[0].GetProperty("health");
            if (wanted(health))
            {
                return health;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"{name}'s health never became what the test waits for: {health}");
        return health;
    }

    private static async Task<List<JsonElement>> VmHealthAsync(HttpClient vm)
    {
        var list = await (await vm.GetAsync("/a")).ReadJsonAsync();
        List<JsonElement> found = [];
        foreach (var set in list.EnumerateArray())
        {
            var one = await (await vm.GetAsync("/a/" + set.Str("name"))).ReadJsonAsync();
            found.AddRange(one.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("health")));
            Assert.Equal(
                set.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("health").Str("reason")),
                one.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("health").Str("reason")));
        }

        return found;
    }
}
