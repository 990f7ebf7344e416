using System.Net;
using System.Text.Json;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Observability;

/// <summary>Every response carries an X-Request-Id: the caller's when it is a sane token, a new one otherwise; problems repeat it.</summary>
public sealed class RequestIdTests(BetterDnsApplication factory) : IClassFixture<BetterDnsApplication>
{
    [Fact]
    public async Task ASaneRequestIdIsEchoedAndRepeatedInTheProblem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-route");
        request.Headers.Add("X-Request-Id", "lb-7f3a:0042");

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("lb-7f3a:0042", Assert.Single(response.Headers.GetValues("X-Request-Id")));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("lb-7f3a:0042", problem.RootElement.GetProperty("requestId").GetString());
        Assert.Matches("^[0-9a-f]{32}$", problem.RootElement.GetProperty("traceId").GetString());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("quote\"d")]
    public async Task AnInsaneRequestIdIsReplacedByANewOne(string given)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.TryAddWithoutValidation("X-Request-Id", given);

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task ATooLongRequestIdIsReplacedAndEveryRequestGetsItsOwn()
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Request-Id", new string('a', 129));

        using var first = await client.SendAsync(request);
        using var second = await client.GetAsync("/healthz");

        var a = Assert.Single(first.Headers.GetValues("X-Request-Id"));
        var b = Assert.Single(second.Headers.GetValues("X-Request-Id"));
        Assert.Matches("^[0-9a-f]{32}$", a);
        Assert.Matches("^[0-9a-f]{32}$", b);
        Assert.NotEqual(a, b);
    }
}
