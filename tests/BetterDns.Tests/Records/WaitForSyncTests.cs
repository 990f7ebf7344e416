using System.Net;
using System.Text.Json;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Records;

/// <summary>GET /a/{name}?wait=: a boot script blocks until the DNS server answers with its record.</summary>
public sealed class WaitForSyncTests
{
    [Fact]
    public async Task WaitingReturnsTheRecordsInSyncOnceTheServerAnswersThem()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-1", "web-*");
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-1", "10.0.0.5")).StatusCode);

        var response = await vm.GetAsync("/a/web-1?wait=10s");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var records = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("records");
        Assert.Equal("INSYNC", Assert.Single(records.EnumerateArray()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("2m")]
    [InlineData("5x")]
    public async Task AWaitThatIsNotAShortDurationIsAValidationProblem(string wait)
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-1", "web-*");

        var messages = await (await vm.GetAsync("/a/web-1?wait=" + Uri.EscapeDataString(wait))).AssertValidationProblemAsync("wait");

        Assert.Contains(messages, m => m.Contains("at most 60s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitingOnAnUnknownNameAnswers404AtOnce()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-1", "web-*");

        var started = DateTime.UtcNow;
        await (await vm.GetAsync("/a/web-9?wait=30s")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "a name with no registration must not wait");
    }
}
