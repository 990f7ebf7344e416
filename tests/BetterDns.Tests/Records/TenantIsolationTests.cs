using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BetterDns.Tests.Infrastructure;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;

namespace BetterDns.Tests.Records;

/// <summary>
/// One owner per address, always (issue 12, rows 2 and 3), tried the way a hostile VM did: a VM that shares
/// a pool with an admin can neither take over the admin's member nor list it as its own.
/// </summary>
public sealed class TenantIsolationTests
{
    [Fact]
    public async Task AVmCannotTakeOverAnAdminsPoolMemberByRegisteringItsAddress()
    {
        await using var app = new BetterDnsApplication();
        var (vm, admin, before) = await SharedPoolAsync(app);

        // The attack: the admin's address with the VM's TTL, priority and a check that always fails.
        var response = await vm.PostAsJsonAsync("/a", new
        {
            name = "web-pool",
            ip = "10.0.0.11",
            ttl = 5,
            priority = 1,
            check = new { kind = "tcp", port = 1, interval = "1s", failuresBeforeCritical = 1, deregisterAfter = "1s" },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("10.0.0.11", problem.Detail());
        Assert.Equal(before, await MemberAsync(admin, "web-pool", "10.0.0.11"));
    }

    [Fact]
    public async Task NoChangeKindLetsAVmTouchAnAddressItDoesNotOwn()
    {
        await using var app = new BetterDnsApplication();
        var (vm, admin, before) = await SharedPoolAsync(app);

        HttpResponseMessage[] attempts =
        [
            await vm.RegisterAsync("web-pool", "10.0.0.11", ttl: 5),
            await vm.ReplaceAsync("web-pool", new { ips = new[] { "10.0.0.11" } }),
            await vm.ReplaceAsync("web-pool", new { ip = "10.0.0.11", ttl = 5 }),
            await vm.RemoveAsync("web-pool", "10.0.0.11"),
            await vm.PutAsJsonAsync("/a/web-pool/maintenance?ip=10.0.0.11", new { enabled = true, reason = "mine now" }),
            await vm.PutAsync("/a/web-pool/heartbeat?ip=10.0.0.11", null),
        ];

        foreach (var attempt in attempts)
        {
            await attempt.AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await MemberAsync(admin, "web-pool", "10.0.0.11"));

        // Name-wide changes reach only the VM's own member.
        Assert.Equal(HttpStatusCode.OK, (await vm.PutAsJsonAsync("/a/web-pool/maintenance", new { enabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await vm.RemoveAsync("web-pool")).StatusCode);
        Assert.Equal(before, await MemberAsync(admin, "web-pool", "10.0.0.11"));
        Assert.Equal(["10.0.0.11"], (await (await admin.GetNameAsync("web-pool")).ReadJsonAsync()).Ips());
    }

    [Fact]
    public async Task APutNeverDuplicatesAnAddressAndARestartBringsBackWhatWasAcknowledged()
    {
        var directory = TempDirectory.Create();
        try
        {
            string acknowledged;
            await using (var app = new BetterDnsApplication(directory))
            {
                var vm = app.CreateVmClient("vm-a", "web-*");
                var admin = app.CreateAdminClient("ops");
                Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-dup", "10.0.0.20")).StatusCode);
                Assert.Equal(HttpStatusCode.Created, (await admin.RegisterAsync("web-dup", "10.0.0.21")).StatusCode);

                var response = await vm.ReplaceAsync("web-dup", new { ips = new[] { "10.0.0.20", "10.0.0.21" } });

                var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
                Assert.Contains("10.0.0.21", problem.Detail());
                acknowledged = await OwnersAsync(admin, "web-dup");
                Assert.Equal("10.0.0.20=vm-a 10.0.0.21=ops", acknowledged);
                var zone = ZoneFileParser.Parse(await app.ReadZoneFileAsync(), DomainName.Parse("cluster.internal."));
                Assert.Single(zone.Records, r => r.Data is AData { Address: var a } && a.Equals(IPAddress.Parse("10.0.0.21")));
                BindCheck.AssertAccepts(app.ZoneFilePath);
            }

            await using var restarted = new BetterDnsApplication(directory);
            Assert.Equal(acknowledged, await OwnersAsync(restarted.CreateAdminClient("ops"), "web-dup"));
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    /// <summary>vm-a holds 10.0.0.10 in web-pool, the admin ops added 10.0.0.11; returns the clients and ops' member as it is.</summary>
    private static async Task<(HttpClient Vm, HttpClient Admin, string AdminsMember)> SharedPoolAsync(BetterDnsApplication app)
    {
        var vm = app.CreateVmClient("vm-a", "web-*");
        var admin = app.CreateAdminClient("ops");
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-pool", "10.0.0.10")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.RegisterAsync("web-pool", "10.0.0.11", ttl: 300)).StatusCode);
        return (vm, admin, await MemberAsync(admin, "web-pool", "10.0.0.11"));
    }

    /// <summary>What a VM could change about a member: everything but the sync status the DNS server drives.</summary>
    private static async Task<string> MemberAsync(HttpClient client, string name, string ip)
    {
        var records = (await (await client.GetNameAsync(name)).ReadJsonAsync()).GetProperty("records").EnumerateArray();
        var member = Assert.Single(records, r => r.Str("ip") == ip);
        return string.Join('|',
            member.GetProperty("ttl").GetUInt32(), member.Str("owner"), member.GetProperty("priority").GetInt32(),
            member.GetProperty("check").ValueKind == JsonValueKind.Null ? "no check" : member.GetProperty("check").GetRawText(),
            member.GetProperty("health").GetProperty("state").GetString(), member.Str("updatedAt"));
    }

    private static async Task<string> OwnersAsync(HttpClient client, string name) =>
        string.Join(' ', (await (await client.GetNameAsync(name)).ReadJsonAsync()).GetProperty("records").EnumerateArray()
            .Select(r => $"{r.Str("ip")}={r.Str("owner")}").Order(StringComparer.Ordinal));
}
