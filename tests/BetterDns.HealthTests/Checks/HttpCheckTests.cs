using System.Net;
using BetterDns.HealthTests.Infrastructure;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.HealthTests.Checks;

/// <summary>An HTTP target the test stops and starts: the record leaves the DNS answer, comes back, and is finally deregistered.</summary>
public sealed class HttpCheckTests
{
    private static readonly IPAddress Target = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task ADeadHttpTargetLeavesTheAnswerStaysVisibleAsCriticalAndReturnsWhenItAnswersAgain()
    {
        await using var target = TinyHttpServer.Answering(Target, "I am alive");
        await using var app = new HealthApp();
        var vm = app.Vm("vm-1", "web-*");
        var check = new { kind = "http", port = target.Port, path = "/alive.html", host = "web-1.example", expect = "alive", interval = "100ms", timeout = "500ms", failuresBeforeCritical = 2, successesBeforePassing = 1 };
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(vm, "web-1", Target, check)).StatusCode);
        await app.AnswersAsync("web-1", "127.0.0.2");
        var passing = await app.WaitForStateAsync("web-1", Target, "passing");
        Assert.Equal("http", passing.GetProperty("check").Str("kind"));
        Assert.Equal("100ms", passing.GetProperty("check").Str("interval"));

        await target.StopAsync();
        await app.AnswersAsync("web-1");
        var critical = await app.WaitForStateAsync("web-1", Target, "critical");
        Assert.Contains("refused", critical.GetProperty("health").Str("reason"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("failing", critical.GetProperty("health").Str("lastResult"));
        Assert.True(critical.GetProperty("health").GetProperty("consecutiveFailures").GetInt32() >= 2);

        target.Start();
        await app.AnswersAsync("web-1", "127.0.0.2");
        await app.WaitForStateAsync("web-1", Target, "passing");
        Assert.Contains(target.Requests, r => r is { Method: "GET", Path: "/alive.html", Host: "web-1.example" });
    }

    [Fact]
    public async Task ABodyWithoutTheExpectedWordOrANon2xxStatusFails()
    {
        var body = "starting";
        var status = 200;
        await using var target = new TinyHttpServer(Target, _ => Task.FromResult((status, body)));
        await using var app = new HealthApp();
        var check = new { kind = "http", port = target.Port, expect = "alive", interval = "100ms", failuresBeforeCritical = 1, successesBeforePassing = 1 };
        await HealthApp.RegisterAsync(app.Admin, "app", Target, check);
        var critical = await app.WaitForStateAsync("app", Target, "critical");
        Assert.Contains("without 'alive'", critical.GetProperty("health").Str("reason"));

        body = "alive";
        await app.WaitForStateAsync("app", Target, "passing");

        status = 503;
        critical = await app.WaitForStateAsync("app", Target, "critical");
        Assert.Contains("HTTP 503", critical.GetProperty("health").Str("reason"));
        await app.AnswersAsync("app");
    }

    [Fact]
    public async Task ARedirectIsAFailureAndIsNotFollowed()
    {
        await using var elsewhere = TinyHttpServer.Answering(IPAddress.Parse("127.0.0.9"), "alive");
        await using var target = new TinyHttpServer(Target, _ => Task.FromResult((302, "")));
        await using var app = new HealthApp();
        await HealthApp.RegisterAsync(app.Admin, "redirected", Target, new { kind = "http", port = target.Port, interval = "1s", failuresBeforeCritical = 1 });
        // A 1 s timeout: on a busy machine a first request (new pool, JIT) can take longer than 300 ms.
        var critical = await app.WaitForStateAsync("redirected", Target, "critical");
        Assert.Contains("HTTP 302", critical.GetProperty("health").Str("reason"));
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task AHangingTargetCostsOneTimeoutPerCheck()
    {
        var hang = new TaskCompletionSource<(int, string)>();
        await using var target = new TinyHttpServer(Target, _ => hang.Task);
        await using var app = new HealthApp();
        await HealthApp.RegisterAsync(app.Admin, "slow", Target, new { kind = "http", port = target.Port, interval = "300ms", timeout = "200ms", failuresBeforeCritical = 2 });
        var critical = await app.WaitForStateAsync("slow", Target, "critical", TimeSpan.FromSeconds(5));
        Assert.Contains("no answer within 200ms", critical.GetProperty("health").Str("reason"));
        hang.SetResult((200, "ok"));
    }

    [Fact]
    public async Task ARegistrationCriticalForDeregisterAfterIsRemovedForGood()
    {
        using var target = new TcpTarget(Target);
        await using var app = new HealthApp();
        var vm = app.Vm("vm-2", "db-*");
        var check = new { kind = "tcp", port = target.Port, interval = "100ms", failuresBeforeCritical = 1, deregisterAfter = "600ms" };
        await HealthApp.RegisterAsync(vm, "db-1", Target, check);
        await app.AnswersAsync("db-1", "127.0.0.2");

        target.Stop();
        await app.WaitForStateAsync("db-1", Target, "critical");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await app.RecordAsync("db-1", Target) is not null)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "db-1 was not deregistered");
            await Task.Delay(50);
        }

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"deregistered after {clock.Elapsed}, before deregisterAfter");
        target.Start();
        await Task.Delay(400);
        Assert.Null(await app.RecordAsync("db-1", Target));
        await app.AnswersAsync("db-1");
    }
}
