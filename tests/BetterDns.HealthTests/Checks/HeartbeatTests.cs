using System.Net;
using BetterDns.HealthTests.Infrastructure;

namespace BetterDns.HealthTests.Checks;

/// <summary>Heartbeat checks: the VM proves it lives with PUT /a/{name}/heartbeat at least every interval.</summary>
public sealed class HeartbeatTests
{
    private static readonly IPAddress Vm = IPAddress.Parse("127.0.0.5");

    [Fact]
    public async Task ARecordStaysWhileHeartbeatsArriveLeavesWhenTheyStopAndReturnsWithTheNextOne()
    {
        await using var app = new HealthApp();
        var vm = app.Vm("vm-hb", "hb-*");
        var check = new { kind = "heartbeat", interval = "300ms", failuresBeforeCritical = 1, successesBeforePassing = 1 };
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(vm, "hb-1", Vm, check)).StatusCode);

        // The VM keeps beating until the record has been seen passing and in the answer (dig alone can take
        // longer than the 300 ms ttl on a busy machine), then falls silent.
        using var silence = new CancellationTokenSource();
        var beating = Task.Run(async () =>
        {
            var beats = 0;
            while (!silence.IsCancellationRequested || beats < 10)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await vm.PutAsync("/a/hb-1/heartbeat", null)).StatusCode);
                beats++;
                await Task.Delay(100);
            }
        });

        await app.WaitForStateAsync("hb-1", Vm, "passing");
        await app.AnswersAsync("hb-1", "127.0.0.5");
        await silence.CancelAsync();
        await beating;

        await app.AnswersAsync("hb-1");
        await app.WaitForStateAsync("hb-1", Vm, "critical");

        Assert.Equal(HttpStatusCode.NoContent, (await vm.PutAsync("/a/hb-1/heartbeat", null)).StatusCode);
        await app.AnswersAsync("hb-1", "127.0.0.5");
    }

    [Fact]
    public async Task OnlyTheOwnerOrAnAdminMaySendAHeartbeat()
    {
        await using var app = new HealthApp();
        var owner = app.Vm("vm-a", "hb-*");
        await HealthApp.RegisterAsync(owner, "hb-2", Vm, new { kind = "heartbeat", interval = "10s" });
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Vm("vm-b", "hb-*").PutAsync("/a/hb-2/heartbeat", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin.PutAsync("/a/hb-2/heartbeat?ip=127.0.0.5", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PutAsync("/a/hb-9/heartbeat", null)).StatusCode);
    }
}
