using System.Net;
using System.Net.Http.Json;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Health;

/// <summary>
/// Issue 12, row 8, the way the attacker did it: one VM token registers 64 checks at the fastest interval to
/// turn the checker into a load generator. Its probes per second are capped per owner
/// (Health:MaxProbesPerSecondPerOwner, 2 by default); admins are exempt; exec checks are admin-only by default.
/// </summary>
public sealed class ProbeBudgetTests
{
    [Fact]
    public async Task SixtyFourFastChecksAreRefusedPastTheOwnersBudget()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-flood", "flood-*");

        var fast = await vm.PostAsJsonAsync("/a", Register("flood-fast", "10.40.0.99", "100ms"));
        var problem = await fast.AssertProblemAsync(HttpStatusCode.Conflict);
        var message = problem.GetProperty("errors").GetProperty("check.interval")[0].GetString()!;
        Assert.Contains("Health:MaxProbesPerSecondPerOwner", message);
        Assert.Contains("budget is 2 per owner", message);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 64; i++)
        {
            statuses.Add((await vm.PostAsJsonAsync("/a", Register($"flood-{i}", $"10.40.0.{i + 1}", "1s"))).StatusCode);
        }

        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(62, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created], statuses.Take(2));
        var records = await (await app.CreateAdminClient().GetAsync("/a")).ReadJsonAsync();
        Assert.Equal(2, records.GetArrayLength());
    }

    [Fact]
    public async Task ReRegisteringOrSlowingAChecksItsOwnShareAgainNotTwice()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-steady", "steady-*");
        Assert.Equal(HttpStatusCode.Created, (await vm.PostAsJsonAsync("/a", Register("steady-1", "10.41.0.1", "500ms"))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await vm.PostAsJsonAsync("/a", Register("steady-1", "10.41.0.1", "500ms"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vm.PutAsJsonAsync("/a/steady-1", new { ips = new[] { "10.41.0.1", "10.41.0.2" }, check = Check("1s") })).StatusCode);
        await (await vm.PostAsJsonAsync("/a", Register("steady-2", "10.41.0.3", "1s"))).AssertProblemAsync(HttpStatusCode.Conflict);
        // Heartbeats probe nothing, so they cost nothing.
        var heartbeat = new { name = "steady-3", ip = "10.41.0.4", check = new { kind = "heartbeat", interval = "100ms" } };
        Assert.Equal(HttpStatusCode.Created, (await vm.PostAsJsonAsync("/a", heartbeat)).StatusCode);
    }

    [Fact]
    public async Task AdminsAreExempt()
    {
        await using var app = new BetterDnsApplication();
        var admin = app.CreateAdminClient("ops-probes");

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/a", Register($"ops-{i}", $"10.42.0.{i + 1}", "100ms"))).StatusCode);
        }
    }

    [Fact]
    public async Task TheBudgetIsASetting()
    {
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?> { ["Health:MaxProbesPerSecondPerOwner"] = "10" });
        var vm = app.CreateVmClient("vm-ten", "ten-*");

        Assert.Equal(HttpStatusCode.Created, (await vm.PostAsJsonAsync("/a", Register("ten-1", "10.43.0.1", "100ms"))).StatusCode);
        await (await vm.PostAsJsonAsync("/a", Register("ten-2", "10.43.0.2", "1h"))).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ExecChecksAreAdminOnlyUnlessEnabledForVms()
    {
        var directory = TempDirectory.Create();
        try
        {
            File.WriteAllText(Path.Combine(directory, "ok.sh"), "#!/bin/sh\nexit 0\n");
            var exec = new { kind = "exec", executable = "ok.sh", interval = "10s" };
            await using (var app = new BetterDnsApplication(null, new Dictionary<string, string?> { ["Health:ExecDirectory"] = directory }))
            {
                var refused = await app.CreateVmClient("vm-exec", "exec-*").PostAsJsonAsync("/a", new { name = "exec-1", ip = "10.44.0.1", check = exec });
                var problem = await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
                Assert.Contains("Health:AllowExecChecksForVms", problem.GetProperty("errors").GetProperty("check.kind")[0].GetString());
                Assert.Equal(HttpStatusCode.Created,
                    (await app.CreateAdminClient().PostAsJsonAsync("/a", new { name = "exec-2", ip = "10.44.0.2", check = exec })).StatusCode);
            }

            await using var allowing = new BetterDnsApplication(null, new Dictionary<string, string?>
            {
                ["Health:ExecDirectory"] = directory,
                ["Health:AllowExecChecksForVms"] = "true",
            });
            Assert.Equal(HttpStatusCode.Created,
                (await allowing.CreateVmClient("vm-exec", "exec-*").PostAsJsonAsync("/a", new { name = "exec-1", ip = "10.44.0.1", check = exec })).StatusCode);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    private static object Check(string interval) => new { kind = "tcp", port = 9, interval, timeout = "50ms" };

    private static object Register(string name, string ip, string interval) => new { name, ip, check = Check(interval) };
}
