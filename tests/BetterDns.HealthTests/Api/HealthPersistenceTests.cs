using System.Net;
using BetterDns.HealthTests.Infrastructure;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.HealthTests.Api;

/// <summary>Checks, priorities, health and maintenance are durable like the rest: they survive a restart.</summary>
public sealed class HealthPersistenceTests : IDisposable
{
    private static readonly IPAddress Target = IPAddress.Parse("127.0.0.11");
    private readonly string _data = TempDirectory.Create();

    [Fact]
    public async Task CheckPriorityCriticalStateAndMaintenanceSurviveARestart()
    {
        using var target = new TcpTarget(Target);
        var port = target.Port;
        target.Stop();
        await using (var app = new HealthApp(dataDirectory: _data))
        {
            await HealthApp.RegisterAsync(app.Admin, "down", Target, new { kind = "tcp", port, interval = "100ms", failuresBeforeCritical = 1, deregisterAfter = "1h" }, priority: 3);
            await HealthApp.RegisterAsync(app.Admin, "quiet", Target, null);
            await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(app.Admin, "/a/quiet/maintenance", new { enabled = true, reason = "moving racks" });
            await app.WaitForStateAsync("down", Target, "critical");
            await app.AnswersAsync("down");
        }

        // The second start reads the zone file and metadata written at shutdown (the first checkpoint).
        await using (var app = new HealthApp(dataDirectory: _data))
        {
            var down = (await app.RecordAsync("down", Target))!.Value;
            Assert.Equal("critical", down.GetProperty("health").Str("state"));
            Assert.Equal(3, down.GetProperty("priority").GetInt32());
            Assert.Equal("1h", down.GetProperty("check").Str("deregisterAfter"));
            var quiet = (await app.RecordAsync("quiet", Target))!.Value;
            Assert.Equal(("maintenance", "moving racks"), (quiet.GetProperty("health").Str("state"), quiet.GetProperty("health").Str("maintenanceReason")));
            await app.AnswersAsync("down");
            await app.AnswersAsync("quiet");

            target.Start();
            await app.AnswersAsync("down", "127.0.0.11");
        }
    }

    public void Dispose() => TempDirectory.Delete(_data);
}
