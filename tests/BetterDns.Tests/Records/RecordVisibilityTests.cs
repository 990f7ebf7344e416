using System.Net;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Records;

/// <summary>
/// Issue 12 row 14: a VM token listed every tenant's names, addresses, owners and checks (GET /a), the
/// target list for probing them. Now a VM sees only its own registrations; another owner's name is a
/// 404 to it, a shared pool shows only its own rows; admins see everything; Auth:VmsSeeAllRecords
/// restores the open listing.
/// </summary>
public sealed class RecordVisibilityTests
{
    [Fact]
    public async Task AVmListsOnlyItsOwnRecordsAndNotAnotherTenants()
    {
        await using var app = new BetterDnsApplication();
        var (tenant, attacker, admin) = await PopulateAsync(app);

        var listed = await (await attacker.GetAsync("/a")).ReadJsonAsync();
        var theirs = await attacker.GetNameAsync("vis-tenant");
        var pool = await (await attacker.GetNameAsync("vis-pool")).ReadJsonAsync();

        Assert.Equal(["vis-attacker", "vis-pool"], listed.EnumerateArray().Select(set => set.Str("name")).Order());
        Assert.DoesNotContain("10.3.24.1", listed.ToString());
        Assert.DoesNotContain("vm-tenant", listed.ToString());
        Assert.DoesNotContain("ops", listed.ToString());
        await theirs.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["10.3.24.3"], pool.Ips());
        Assert.Equal(["vis-tenant"], (await (await tenant.GetAsync("/a")).ReadJsonAsync()).EnumerateArray().Select(set => set.Str("name")));
        var all = await (await admin.GetAsync("/a")).ReadJsonAsync();
        Assert.Equal(["vis-attacker", "vis-pool", "vis-tenant"], all.EnumerateArray().Select(set => set.Str("name")).Order());
        Assert.Equal(["10.3.24.3", "10.3.24.4"], (await (await admin.GetNameAsync("vis-pool")).ReadJsonAsync()).Ips().Order());
    }

    [Fact]
    public async Task WaitingOnAnotherTenantsNameAnswers404AtOnce()
    {
        await using var app = new BetterDnsApplication();
        var (_, attacker, _) = await PopulateAsync(app);

        var response = await attacker.GetAsync("/a/vis-tenant?wait=30s");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task VmsSeeAllRecordsRestoresTheOpenListing()
    {
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?> { ["Auth:VmsSeeAllRecords"] = "true" });
        var (_, attacker, _) = await PopulateAsync(app);

        var listed = await (await attacker.GetAsync("/a")).ReadJsonAsync();

        Assert.Equal(["vis-attacker", "vis-pool", "vis-tenant"], listed.EnumerateArray().Select(set => set.Str("name")).Order());
        Assert.Equal(["10.3.24.1"], (await (await attacker.GetNameAsync("vis-tenant")).ReadJsonAsync()).Ips());
    }

    /// <summary>vm-tenant holds vis-tenant; vm-attacker holds vis-attacker and one address of vis-pool, whose other address is the admin's.</summary>
    private static async Task<(HttpClient Tenant, HttpClient Attacker, HttpClient Admin)> PopulateAsync(BetterDnsApplication app)
    {
        var tenant = app.CreateVmClient("vm-tenant", "vis-*");
        var attacker = app.CreateVmClient("vm-attacker", "vis-*");
        var admin = app.CreateAdminClient("ops");
        Assert.Equal(HttpStatusCode.Created, (await tenant.RegisterAsync("vis-tenant", "10.3.24.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await attacker.RegisterAsync("vis-attacker", "10.3.24.2")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await attacker.RegisterAsync("vis-pool", "10.3.24.3")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.RegisterAsync("vis-pool", "10.3.24.4")).StatusCode);
        return (tenant, attacker, admin);
    }
}
