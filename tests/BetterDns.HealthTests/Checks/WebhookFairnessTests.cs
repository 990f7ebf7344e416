using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BetterDns.Health;
using BetterDns.HealthTests.Infrastructure;
using BetterDns.HealthTests.Observability;

namespace BetterDns.HealthTests.Checks;

/// <summary>
/// Issue 12 row 6, as the attacker did it: one VM toggled its maintenance 1,120 times within its rate limit while the
/// webhook receiver was slow; the 1,024-slot FIFO filled and another VM's real passing→critical alert was dropped,
/// with nothing in the log or metrics. Now the toggles fold into one notification per registration, owners take
/// turns, and the folding is counted in /metrics and logged with the owner.
/// </summary>
public sealed class WebhookFairnessTests
{
    private static readonly IPAddress VictimAddress = IPAddress.Parse("127.0.0.31");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OneTenantTogglingMaintenanceCannotCrowdOutAnotherTenantsAlert()
    {
        using var target = new TcpTarget(VictimAddress);
        // A slow receiver: each POST is answered half a second later, so the flood backs up behind it.
        await using var hook = new TinyHttpServer(IPAddress.Loopback, async _ =>
        {
            await Task.Delay(500);
            return (200, "");
        });
        await using var app = new HealthApp(new Dictionary<string, string?>
        {
            ["Health:Webhooks:0"] = hook.Url + "/hook",
            // The attacker kept within its HTTP rate limit; a generous one here, so the toggles take seconds, not twelve.
            ["RateLimit:PermitsPerSecond"] = "1000",
            ["RateLimit:Burst"] = "2000",
        });
        var noisy = app.Vm("vm-noisy", "noisy-*");
        var victim = app.Vm("vm-victim", "victim-*");
        var enabled = new bool[4];
        for (var i = 0; i < enabled.Length; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(noisy, $"noisy-{i}", IPAddress.Parse($"127.0.0.{40 + i}"), check: null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(
            victim, "victim-1", VictimAddress, new { kind = "tcp", port = target.Port, interval = "100ms", failuresBeforeCritical = 1 })).StatusCode);

        // The flood starts and keeps the receiver busy; the victim's target really goes down; then more toggles
        // than a 1,024-slot FIFO would have held behind its alert.
        await ToggleAsync(noisy, enabled, 100);
        target.Stop();
        await app.WaitForStateAsync("victim-1", VictimAddress, "critical");
        await ToggleAsync(noisy, enabled, 1100);

        var alert = await PostedAsync(hook, e => e.GetProperty("name").GetString() == "victim-1");
        Assert.Equal(("passing", "critical", 1), (alert.GetProperty("from").GetString(), alert.GetProperty("to").GetString(), alert.GetProperty("changes").GetInt32()));

        // The folded toggles are visible: counted in /metrics, and logged with the owner when their notification goes out.
        var scrape = await Scrape.FromAsync(app.Admin);
        Assert.True(scrape.Value("betterdns_webhook_notifications_dropped_total", ("reason", WebhookDropReason.Coalesced)) >= 1000, scrape.Text);
        var folded = await PostedAsync(hook, e => e.GetProperty("name").GetString()!.StartsWith("noisy-", StringComparison.Ordinal) && e.GetProperty("changes").GetInt32() > 1);
        Assert.True(folded.GetProperty("changes").GetInt32() > 1);
        await UntilAsync(() => app.Logs.Entries.Any(e => e.Category == typeof(WebhookSender).FullName
            && e.Properties.Any(p => p is { Key: "Owner", Value: "vm-noisy" })
            && e.Properties.Any(p => p is { Key: "DropReason", Value: WebhookDropReason.Coalesced })));
    }

    /// <summary>Flips maintenance <paramref name="count"/> times over the noisy registrations, four at a time; each flip is a state change.</summary>
    private static async Task ToggleAsync(HttpClient client, bool[] enabled, int count) =>
        await Task.WhenAll(Enumerable.Range(0, enabled.Length).Select(async i =>
        {
            for (var n = 0; n < count / enabled.Length; n++)
            {
                enabled[i] = !enabled[i];
                using var response = await client.PutAsJsonAsync($"/a/noisy-{i}/maintenance", new { enabled = enabled[i], reason = "flapping" });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }));

    private static async Task<JsonElement> PostedAsync(TinyHttpServer hook, Func<JsonElement, bool> wanted)
    {
        JsonElement found = default;
        await UntilAsync(() =>
        {
            foreach (var request in hook.Requests)
            {
                var posted = JsonDocument.Parse(request.Body).RootElement.Clone();
                if (wanted(posted))
                {
                    found = posted;
                    return true;
                }
            }

            return false;
        });
        return found;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, "not within " + Patience);
            await Task.Delay(50);
        }
    }
}
