using System.Net;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests;

public sealed class HealthEndpointTests(BetterDnsApplication factory) : IClassFixture<BetterDnsApplication>
{
    [Fact]
    public async Task HealthzAnswersWhileTheProcessIsAlive()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("alive", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownRoutesAnswerWithProblemDetails()
    {
        var response = await factory.CreateClient().GetAsync("/no-such-route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
