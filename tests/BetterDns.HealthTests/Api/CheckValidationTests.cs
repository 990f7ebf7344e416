using System.Net;
using System.Net.Http.Json;
using BetterDns.HealthTests.Infrastructure;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.HealthTests.Api;

/// <summary>A check cannot point the checker anywhere but the record's own address, and its knobs stay in range.</summary>
public sealed class CheckValidationTests : IAsyncLifetime
{
    private readonly HealthApp _app = new(new Dictionary<string, string?> { ["Health:ExecDirectory"] = Path.GetTempPath() });

    public static TheoryData<string, string> BadChecks => new()
    {
        { """{"kind":"http","port":0}""", "check.port" },
        { """{"kind":"http","port":65536}""", "check.port" },
        { """{"kind":"http","path":"alive.html"}""", "check.path" },
        { """{"kind":"http","path":"//evil.example/x"}""", "check.path" },
        { """{"kind":"http","host":"evil.example/x"}""", "check.host" },
        { """{"kind":"http","host":"a b"}""", "check.host" },
        { """{"kind":"http","interval":"1ms"}""", "check.interval" },
        { """{"kind":"http","interval":"ten"}""", "check.interval" },
        { """{"kind":"http","timeout":"99h"}""", "check.timeout" },
        { """{"kind":"http","failuresBeforeCritical":0}""", "check.failuresBeforeCritical" },
        { """{"kind":"http","successesBeforePassing":1000}""", "check.successesBeforePassing" },
        { """{"kind":"http","deregisterAfter":"-1s"}""", "check.deregisterAfter" },
        { """{"kind":"tcp"}""", "check.port" },
        { """{"kind":"exec"}""", "check.executable" },
        { """{"kind":"exec","executable":"../../bin/sh"}""", "check.executable" },
        { """{"kind":"ping"}""", "check.kind" },
    };

    [Theory]
    [MemberData(nameof(BadChecks))]
    public async Task ABadCheckIsRefusedWithTheFieldNamed(string check, string field)
    {
        var body = $$"""{"name":"web-1","ip":"127.0.0.2","check":{{check}}}""";
        var response = await _app.Admin.SendAsync(Http.RawPost("/a", body));
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", problem);
    }

    [Theory]
    [InlineData("url")]
    [InlineData("address")]
    [InlineData("ip")]
    public async Task ACheckHasNoFieldThatNamesAnotherHost(string field)
    {
        var body = """{"name":"web-1","ip":"127.0.0.2","check":{"kind":"http",""" + $"\"{field}\":\"10.9.9.9\"" + "}}";
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Admin.SendAsync(Http.RawPost("/a", body))).StatusCode);
    }

    [Fact]
    public async Task APriorityOutOfRangeIsRefused()
    {
        var response = await _app.Admin.SendAsync(Http.RawPost("/a", """{"name":"web-1","ip":"127.0.0.2","priority":-1}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task DefaultsFillWhatTheCheckLeavesOutAndAnUncheckedRecordShowsNoCheck()
    {
        var created = await (await _app.Admin.SendAsync(Http.RawPost("/a", """{"name":"web-2","ip":"127.0.0.2","check":{"kind":"https"}}"""))).ReadJsonAsync();
        var check = created.GetProperty("check");
        Assert.Equal(("https", 443, "/", "10s", "2s", 3, 2, "72h"),
            (check.Str("kind"), check.GetProperty("port").GetInt32(), check.Str("path"), check.Str("interval"), check.Str("timeout"),
             check.GetProperty("failuresBeforeCritical").GetInt32(), check.GetProperty("successesBeforePassing").GetInt32(), check.Str("deregisterAfter")));
        Assert.Equal("passing", created.GetProperty("health").Str("state"));
        Assert.Equal(0, created.GetProperty("priority").GetInt32());

        var plain = await (await _app.Admin.PostAsJsonAsync("/a", new { name = "web-3", ip = "127.0.0.3" })).ReadJsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.GetProperty("check").ValueKind);
    }

    [Fact]
    public async Task PutAppliesTheCheckAndPriorityToEveryAddress()
    {
        var set = await (await _app.Admin.PutAsJsonAsync("/a/pool", new { ips = new[] { "127.0.0.2", "127.0.0.3" }, check = new { kind = "tcp", port = 5432 }, priority = 7 })).ReadJsonAsync();
        Assert.All(set.GetProperty("records").EnumerateArray(), r =>
        {
            Assert.Equal(7, r.GetProperty("priority").GetInt32());
            Assert.Equal(5432, r.GetProperty("check").GetProperty("port").GetInt32());
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
