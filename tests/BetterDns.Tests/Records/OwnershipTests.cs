using System.Net;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Records;

/// <summary>The ownership rule seen from HTTP: VMs keep to their patterns and their own records; admins may do everything.</summary>
public sealed class OwnershipTests(BetterDnsApplication app) : IClassFixture<BetterDnsApplication>
{
    [Fact]
    public async Task AVmCannotRegisterANameOutsideItsPatterns()
    {
        var response = await app.CreateVmClient("vm-a", "web-*").RegisterAsync("db-1", "10.1.0.1");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail()));
    }

    [Fact]
    public async Task NamePatternsMatchIgnoringCase()
    {
        var response = await app.CreateVmClient("vm-case", "case-*").RegisterAsync("CASE-Web", "10.1.0.2");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("CASE-Web", (await response.ReadJsonAsync()).Str("name"));
    }

    [Fact]
    public async Task AVmCannotDeleteAnotherVmsName()
    {
        var owner = app.CreateVmClient("vm-owner-1", "shared-*");
        var intruder = app.CreateVmClient("vm-intruder-1", "shared-*");
        await owner.RegisterAsync("shared-1", "10.1.1.1");

        var response = await intruder.RemoveAsync("shared-1");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["10.1.1.1"], (await (await owner.GetNameAsync("shared-1")).ReadJsonAsync()).Ips());
    }

    [Fact]
    public async Task AVmCannotReplaceAnotherVmsName()
    {
        var owner = app.CreateVmClient("vm-owner-2", "shared-*");
        var intruder = app.CreateVmClient("vm-intruder-2", "shared-*");
        await owner.RegisterAsync("shared-2", "10.1.2.1");

        var response = await intruder.ReplaceAsync("shared-2", new { ip = "10.1.2.99" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["10.1.2.1"], (await (await owner.GetNameAsync("shared-2")).ReadJsonAsync()).Ips());
    }

    [Fact]
    public async Task AVmCannotAddItsAddressToAnotherVmsName()
    {
        var owner = app.CreateVmClient("vm-owner-3", "shared-*");
        var intruder = app.CreateVmClient("vm-intruder-3", "shared-*");
        await owner.RegisterAsync("shared-3", "10.1.3.1");

        var response = await intruder.RegisterAsync("shared-3", "10.1.3.66");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["10.1.3.1"], (await (await owner.GetNameAsync("shared-3")).ReadJsonAsync()).Ips());
    }

    [Fact]
    public async Task AnAdminCanDeleteAVmsName()
    {
        var owner = app.CreateVmClient("vm-owner-4", "admin-del-*");
        await owner.RegisterAsync("admin-del-1", "10.1.4.1");

        var response = await app.CreateAdminClient().RemoveAsync("admin-del-1");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await owner.GetNameAsync("admin-del-1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAdminReplacesTheWholePoolOfSeveralOwners()
    {
        var admin = app.CreateAdminClient();
        var vm = app.CreateVmClient("vm-owner-5", "admin-pool-*");
        await vm.RegisterAsync("admin-pool-1", "10.1.5.1");
        await admin.RegisterAsync("admin-pool-1", "10.1.5.2");

        var response = await admin.ReplaceAsync("admin-pool-1", new { ips = new[] { "10.1.5.3" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Read as the admin: the VM's address is gone, so to the VM the name no longer exists (issue 12 row 14).
        Assert.Equal(["10.1.5.3"], (await (await admin.GetNameAsync("admin-pool-1")).ReadJsonAsync()).Ips());
        await (await vm.GetNameAsync("admin-pool-1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAdminCanRegisterAnyName()
    {
        var response = await app.CreateAdminClient().RegisterAsync("anything-at-all", "10.1.6.1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("operator", (await response.ReadJsonAsync()).Str("owner"));
    }

    [Fact]
    public async Task AVmMayRemoveItsOwnAddressFromAPoolItSharesWithAnAdmin()
    {
        var admin = app.CreateAdminClient();
        var vm = app.CreateVmClient("vm-owner-6", "mixed-*");
        await vm.RegisterAsync("mixed-1", "10.1.7.1");
        await admin.RegisterAsync("mixed-1", "10.1.7.2");

        var response = await vm.RemoveAsync("mixed-1");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        // Read as the admin: a VM sees only its own addresses, and it has none left here (issue 12 row 14).
        Assert.Equal(["10.1.7.2"], (await (await admin.GetNameAsync("mixed-1")).ReadJsonAsync()).Ips());
        await (await vm.GetNameAsync("mixed-1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
