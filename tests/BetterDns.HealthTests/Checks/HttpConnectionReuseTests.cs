using System.Diagnostics;
using System.Net;
using BetterDns.HealthTests.Infrastructure;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.HealthTests.Checks;

/// <summary>HTTP checks reuse a target's kept-alive connection, and a target that dies is still found out.</summary>
public sealed class HttpConnectionReuseTests
{
    private static readonly IPAddress Target = IPAddress.Parse("127.0.0.12");

    [Fact]
    public async Task ChecksOfAKeepAliveTargetReuseItsConnection()
    {
        using var target = new KeepAliveHttpTarget(Target);
        await using var app = new HealthApp();
        // 500 ms: a check that times out on a busy machine drops its connection, and that is not what is measured here.
        var check = new { kind = "http", port = target.Port, path = "/alive", expect = "alive", interval = "500ms", timeout = "500ms" };
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(app.Vm("vm-1", "web-*"), "web-1", Target, check)).StatusCode);

        await UntilAsync(() => target.Requests >= 6);

        // With a connection per check there would be one per request.
        Assert.True(target.Connections <= 2, $"{target.Connections} connections for {target.Requests} checks");
    }

    [Fact]
    public async Task AKeepAliveTargetThatDiesTurnsCriticalAndComesBack()
    {
        using var target = new KeepAliveHttpTarget(Target);
        await using var app = new HealthApp();
        var check = new { kind = "http", port = target.Port, path = "/alive", expect = "alive", interval = "500ms", timeout = "500ms", failuresBeforeCritical = 2, successesBeforePassing = 1 };
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(app.Vm("vm-1", "web-*"), "web-2", Target, check)).StatusCode);
        await app.WaitForStateAsync("web-2", Target, "passing");
        await UntilAsync(() => target.Requests >= 3);

        target.Stop();
        var critical = await app.WaitForStateAsync("web-2", Target, "critical");
        // Refused on reconnect (on a very busy machine the check may time out first).
        Assert.Matches("(?i)refused|no answer within", critical.GetProperty("health").Str("reason"));
        await app.AnswersAsync("web-2");

        target.Start();
        await app.WaitForStateAsync("web-2", Target, "passing");
        await app.AnswersAsync("web-2", "127.0.0.12");
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "the checks did not get there");
            await Task.Delay(20);
        }
    }
}
