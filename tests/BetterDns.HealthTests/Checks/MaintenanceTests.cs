using System.Net;
using System.Net.Http.Json;
using BetterDns.HealthTests.Infrastructure;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.HealthTests.Checks;

/// <summary>Maintenance takes records out of DNS until disabled, whatever their checks say.</summary>
public sealed class MaintenanceTests
{
    private static readonly IPAddress One = IPAddress.Parse("127.0.0.8");
    private static readonly IPAddress Two = IPAddress.Parse("127.0.0.9");

    [Fact]
    public async Task MaintenanceTakesTheOwnersRecordsOutOfDnsUntilDisabled()
    {
        await using var app = new HealthApp();
        var vm = app.Vm("vm-m", "m-*");
        await HealthApp.RegisterAsync(vm, "m-1", One, null);
        await HealthApp.RegisterAsync(vm, "m-1", Two, null);
        await app.AnswersAsync("m-1", "127.0.0.8", "127.0.0.9");

        var set = await (await vm.PutAsJsonAsync("/a/m-1/maintenance?ip=127.0.0.8", new { enabled = true, reason = "kernel upgrade" })).ReadJsonAsync();
        var record = set.GetProperty("records").EnumerateArray().Single(r => r.Str("ip") == "127.0.0.8");
        Assert.Equal("maintenance", record.GetProperty("health").Str("state"));
        Assert.Equal("kernel upgrade", record.GetProperty("health").Str("maintenanceReason"));
        await app.AnswersAsync("m-1", "127.0.0.9");

        await (await vm.PutAsJsonAsync("/a/m-1/maintenance", new { enabled = true })).ReadJsonAsync();
        await app.AnswersAsync("m-1");

        await (await vm.PutAsJsonAsync("/a/m-1/maintenance", new { enabled = false })).ReadJsonAsync();
        await app.AnswersAsync("m-1", "127.0.0.8", "127.0.0.9");
        Assert.Equal("passing", (await app.RecordAsync("m-1", One))!.Value.GetProperty("health").Str("state"));
    }

    [Fact]
    public async Task AnotherOwnerMayNotSetMaintenanceButAnAdminMay()
    {
        await using var app = new HealthApp();
        await HealthApp.RegisterAsync(app.Vm("vm-a", "m-*"), "m-2", One, null);
        var other = await app.Vm("vm-b", "m-*").PutAsJsonAsync("/a/m-2/maintenance", new { enabled = true });
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Admin.PutAsJsonAsync("/a/m-2/maintenance", new { reason = "x" })).StatusCode);
        await (await app.Admin.PutAsJsonAsync("/a/m-2/maintenance", new { enabled = true })).ReadJsonAsync();
        await app.AnswersAsync("m-2");
    }
}
