using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BetterDns.HealthTests.Infrastructure;

namespace BetterDns.HealthTests.Checks;

/// <summary>State changes are POSTed to webhooks; a slow webhook delays neither checks nor other webhooks.</summary>
public sealed class WebhookTests
{
    private static readonly IPAddress Target = IPAddress.Parse("127.0.0.10");

    [Fact]
    public async Task EachStateChangeIsPostedAsJsonAndASlowWebhookDelaysNothingElse()
    {
        await using var fast = TinyHttpServer.Answering(IPAddress.Loopback, "");
        var release = new TaskCompletionSource<(int, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var slow = new TinyHttpServer(IPAddress.Loopback, _ => release.Task);
        using var target = new TcpTarget(Target);
        await using var app = new HealthApp(new Dictionary<string, string?>
        {
            ["Health:Webhooks:0"] = slow.Url + "/hook",
            ["Health:Webhooks:1"] = fast.Url + "/hook",
            ["Health:WebhookTimeout"] = "00:00:30",
        });
        await HealthApp.RegisterAsync(app.Admin, "api", Target, new { kind = "tcp", port = target.Port, interval = "100ms", failuresBeforeCritical = 1, successesBeforePassing = 1 });
        await app.AnswersAsync("api", "127.0.0.10");

        target.Stop();
        var left = Stopwatch.StartNew();
        await app.AnswersAsync("api");
        Assert.True(left.Elapsed < TimeSpan.FromSeconds(3), $"left DNS after {left.Elapsed} while a webhook hung");
        target.Start();
        await app.AnswersAsync("api", "127.0.0.10");

        var events = await EventsAsync(fast, 2);
        Assert.Equal(("passing", "critical"), (events[0].GetProperty("from").GetString(), events[0].GetProperty("to").GetString()));
        Assert.Equal(("critical", "passing"), (events[1].GetProperty("from").GetString(), events[1].GetProperty("to").GetString()));
        Assert.Equal("api", events[0].GetProperty("name").GetString());
        Assert.Equal("api.cluster.internal.", events[0].GetProperty("fqdn").GetString());
        Assert.Equal("127.0.0.10", events[0].GetProperty("ip").GetString());
        // Refused, or reset when a connect was in the listener's backlog as it closed (a busy machine).
        Assert.Matches("(?i)refused|reset", events[0].GetProperty("reason").GetString());
        Assert.True(events[0].TryGetProperty("time", out _));
        Assert.Single(slow.Requests);
        release.SetResult((200, ""));
    }

    [Fact]
    public async Task AFailingWebhookIsRetriedWithBackOff()
    {
        var answers = new Queue<int>([500, 503, 200]);
        await using var hook = new TinyHttpServer(IPAddress.Loopback, _ => Task.FromResult((answers.Count > 1 ? answers.Dequeue() : answers.Peek(), "")));
        using var target = new TcpTarget(Target);
        await using var app = new HealthApp(new Dictionary<string, string?>
        {
            ["Health:Webhooks:0"] = hook.Url,
            ["Health:WebhookFirstRetry"] = "00:00:00.100",
        });
        await HealthApp.RegisterAsync(app.Admin, "retry", Target, new { kind = "tcp", port = target.Port, interval = "100ms", failuresBeforeCritical = 1 });
        target.Stop();
        await app.WaitForStateAsync("retry", Target, "critical");
        var clock = Stopwatch.StartNew();
        while (hook.Requests.Count < 3 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.Equal(3, hook.Requests.Count);
        Assert.All(hook.Requests, r => Assert.Contains("\"to\":\"critical\"", r.Body));
    }

    private static async Task<List<JsonElement>> EventsAsync(TinyHttpServer server, int count)
    {
        var clock = Stopwatch.StartNew();
        while (server.Requests.Count < count && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.True(server.Requests.Count >= count, $"{server.Requests.Count} webhook posts arrived, expected {count}");
        Assert.All(server.Requests, r => Assert.Equal(("POST", "/hook"), (r.Method, r.Path)));
        return [.. server.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.Clone())];
    }
}
