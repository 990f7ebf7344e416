using System.Net;
using BetterDns.RateLimiting;
using BetterDns.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BetterDns.Tests.RateLimiting;

public sealed class RateLimitTests
{
    // One permit a second and a bucket of three: a burst of ten requests cannot all pass, however slow the machine.
    private static readonly Dictionary<string, string?> TightLimits = new()
    {
        ["RateLimit:PermitsPerSecond"] = "1",
        ["RateLimit:Burst"] = "3",
        ["RateLimit:AdminPermitsPerSecond"] = "1",
        ["RateLimit:AdminBurst"] = "30",
    };

    private const int Attempts = 10;

    [Fact]
    public async Task AVmTokenOverItsLimitAnswers429WithRetryAfterAndTheRule()
    {
        await using var app = new BetterDnsApplication(null, TightLimits);
        var vm = app.CreateVmClient("vm-runaway", "runaway-*");

        var responses = await SendAsync(() => vm.GetAsync("/a"), Attempts);

        Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        var refused = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused);
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) < Attempts, "every request passed");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("RateLimit:PermitsPerSecond", problem.Detail());
        Assert.Contains("vm-runaway", problem.Detail());
        Assert.Equal("RateLimit:PermitsPerSecond", problem.GetProperty("rule").GetString());
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
    }

    [Fact]
    public async Task ARunawayTokenDoesNotThrottleAnotherToken()
    {
        await using var app = new BetterDnsApplication(null, TightLimits);
        var runaway = app.CreateVmClient("vm-runaway", "runaway-*");
        var neighbour = app.CreateVmClient("vm-neighbour", "neighbour-*");
        var runawayResponses = await SendAsync(() => runaway.GetAsync("/a"), Attempts);
        Assert.Contains(runawayResponses, r => r.StatusCode == HttpStatusCode.TooManyRequests);

        var registered = await neighbour.RegisterAsync("neighbour-1", "10.14.0.1");

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
    }

    [Fact]
    public async Task AnAdminTokenHasItsOwnHigherLimit()
    {
        await using var app = new BetterDnsApplication(null, TightLimits);
        var admin = app.CreateAdminClient("operator");

        var responses = await SendAsync(() => admin.GetAsync("/a"), Attempts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task AnAdminOverItsLimitIsToldTheAdminRule()
    {
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?>(TightLimits) { ["RateLimit:AdminBurst"] = "2" });
        var admin = app.CreateAdminClient("operator");

        var responses = await SendAsync(() => admin.GetAsync("/a"), Attempts);

        var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("RateLimit:AdminPermitsPerSecond", problem.GetProperty("rule").GetString());
        Assert.Contains("admin token 'operator'", problem.Detail());
    }

    [Fact]
    public async Task RequestsWithoutATokenAreLimitedPerClientAddress()
    {
        await using var app = new BetterDnsApplication(null, TightLimits);
        var anonymous = app.CreateClient();
        app.RemoteAddress = IPAddress.Parse("10.20.0.1");

        var first = await SendAsync(() => anonymous.GetAsync("/a"), Attempts);
        app.RemoteAddress = IPAddress.Parse("10.20.0.2");
        var other = await anonymous.GetAsync("/a");

        var refused = first.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Contains("address 10.20.0.1", (await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests)).Detail());
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    [Fact]
    public async Task HealthEndpointsAreNeverLimited()
    {
        await using var app = new BetterDnsApplication(null, TightLimits);
        var client = app.CreateClient();
        var exhausted = await SendAsync(() => client.GetAsync("/a"), Attempts);
        Assert.Contains(exhausted, r => r.StatusCode == HttpStatusCode.TooManyRequests);

        var healthz = await SendAsync(() => client.GetAsync("/healthz"), Attempts);
        var readyz = await SendAsync(() => client.GetAsync("/readyz"), Attempts);

        Assert.All(healthz, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(readyz, r => Assert.NotEqual(HttpStatusCode.TooManyRequests, r.StatusCode));
    }

    [Fact]
    public async Task ADisabledLimiterRefusesNothing()
    {
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?>(TightLimits) { ["RateLimit:Enabled"] = "false" });
        var vm = app.CreateVmClient("vm-bench", "bench-*");

        var responses = await SendAsync(() => vm.GetAsync("/a"), Attempts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public void TheDefaultsLetABusyVmThroughAndStopARunawayOne()
    {
        var defaults = new RateLimitOptions();

        Assert.True(defaults.Enabled);
        Assert.InRange(defaults.PermitsPerSecond, 10, 1000);
        Assert.True(defaults.Burst >= defaults.PermitsPerSecond);
        Assert.True(defaults.AdminPermitsPerSecond > defaults.PermitsPerSecond);
    }

    [Theory]
    [InlineData("RateLimit:PermitsPerSecond", "0")]
    [InlineData("RateLimit:Burst", "-1")]
    [InlineData("RateLimit:AdminBurst", "0")]
    public async Task AnInvalidLimitStopsTheHostAtStartUpWithItsName(string key, string value)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddBetterDnsRateLimiting();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key, error.Message);
    }

    private static async Task<List<HttpResponseMessage>> SendAsync(Func<Task<HttpResponseMessage>> send, int count)
    {
        var responses = new List<HttpResponseMessage>(count);
        for (var i = 0; i < count; i++)
        {
            responses.Add(await send());
        }

        return responses;
    }
}
