using System.Net;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Records;

public sealed class OwnerLimitTests
{
    [Fact]
    public async Task AVmOverItsRecordLimitAnswers409AndAnAdminIsNotLimited()
    {
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?> { ["Registry:MaxRecordsPerOwner"] = "2" });
        var vm = app.CreateVmClient("vm-limit", "limit-*");
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("limit-1", "10.13.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("limit-2", "10.13.0.2")).StatusCode);

        var refused = await vm.RegisterAsync("limit-3", "10.13.0.3");

        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("at most 2 registrations", problem.Detail());
        Assert.Contains("Registry:MaxRecordsPerOwner", problem.Detail());
        Assert.Equal(HttpStatusCode.OK, (await vm.RegisterAsync("limit-2", "10.13.0.2")).StatusCode);
        var admin = app.CreateAdminClient();
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.RegisterAsync($"admin-limit-{i}", $"10.13.1.{i}")).StatusCode);
        }
    }
}
