using System.Net;
using BetterDns.HealthTests.Infrastructure;

namespace BetterDns.HealthTests.Checks;

/// <summary>Heartbeat checks: the VM proves it lives with PUT /a/{name}/heartbeat at least every interval.</summary>
public sealed class HeartbeatTests
{
    private static readonly IPAddress Vm = IPAddress.Parse("127.0.0.5");

    [Fact]
    public async Task ARecordStaysWhileHeartbeatsArriveLeavesWhenTheyStopAndReturnsWhenTheyResume()
    {
        await using var app = new HealthApp();
        var vm = app.Vm("vm-hb", "hb-*");
        var check = new { kind = "heartbeat", interval = "300ms", failuresBeforeCritical = 1, successesBeforePassing = 1 };
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(vm, "hb-1", Vm, check)).StatusCode);

        // The VM beats every 100 ms while the record is seen passing and in the answer (dig alone can take
        // longer than the 300 ms ttl on a busy machine), then falls silent.
        await BeatingAsync(vm, async () =>
        {
            await app.WaitForStateAsync("hb-1", Vm, "passing");
            await app.AnswersAsync("hb-1", "127.0.0.5");
        });

        await app.AnswersAsync("hb-1");
        await app.WaitForStateAsync("hb-1", Vm, "critical");

        // Beating again brings it back (one beat passes one check only: 300 ms in the answer).
        await BeatingAsync(vm, () => app.AnswersAsync("hb-1", "127.0.0.5"));
    }

    /// <summary>Sends a heartbeat every 100 ms (at least 10) until <paramref name="meanwhile"/> is done.</summary>
    private static async Task BeatingAsync(HttpClient vm, Func<Task> meanwhile)
    {
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

        try
        {
            await meanwhile();
        }
        finally
        {
            await silence.CancelAsync();
            await beating;
        }
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
