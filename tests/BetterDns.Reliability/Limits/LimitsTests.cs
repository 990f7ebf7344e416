using System.Net;
using System.Text;
using System.Text.Json;
using BetterDns.Reliability.Infrastructure;

namespace BetterDns.Reliability.Limits;

/// <summary>The request body limit and the records-per-owner cap, through the real process: clear problem bodies, nothing written.</summary>
public sealed class LimitsTests(LimitedService fixture) : IClassFixture<LimitedService>
{
    private BetterDnsProcess Service => fixture.Service;

    [Fact]
    public async Task AHugeBodyWithContentLengthIsRefusedWith413ProblemAndNothingIsWritten()
    {
        var request = Api.Authorised(HttpMethod.Post, "/a", fixture.BodyVm);
        request.Content = new StringContent($$"""{"name":"body-1","ip":"10.7.0.1","pad":"{{new string('x', 100_000)}}"}""", Encoding.UTF8, "application/json");

        using var response = await Service.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(await Api.IsProblemAsync(response));
        var state = await ServiceState.ObserveAsync(Service, fixture.Admin, ["body-1"]);
        Assert.Empty(state["body-1"]);
    }

    [Fact]
    public async Task AHugeChunkedBodyWithoutContentLengthIsRefusedWith413Problem()
    {
        var request = Api.Authorised(HttpMethod.Put, "/a/body-2", fixture.BodyVm);
        var payload = Encoding.UTF8.GetBytes($$"""{"ips":["10.7.0.2"],"pad":"{{new string('y', 200_000)}}"}""");
        // A stream of unknown length goes out chunked: the limit must hold without a Content-Length to trust.
        request.Content = new StreamContent(new UnseekableStream(payload));
        request.Content.Headers.ContentType = new("application/json");

        using var response = await Service.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(await Api.IsProblemAsync(response));
        using var get = await Service.Http.SendAsync(Api.Authorised(HttpMethod.Get, "/a/body-2", fixture.Admin));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task AnOwnerOverItsRecordCapGets409ProblemUntilItRemovesOne()
    {
        for (var i = 1; i <= LimitedService.MaxRecordsPerOwner; i++)
        {
            using var created = await Service.Http.SendAsync(Api.Register(fixture.CappedVm, $"cap-{i}", $"10.8.0.{i}"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var over = await Service.Http.SendAsync(Api.Register(fixture.CappedVm, "cap-extra", "10.8.0.99")))
        {
            Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
            Assert.True(await Api.IsProblemAsync(over));
            using var problem = JsonDocument.Parse(await over.Content.ReadAsStringAsync());
            Assert.Equal("Limit reached", problem.RootElement.GetProperty("title").GetString());
        }

        using (var pool = await Service.Http.SendAsync(Api.Replace(fixture.CappedVm, "cap-1", ["10.8.0.1", "10.8.0.50", "10.8.0.51"])))
        {
            Assert.Equal(HttpStatusCode.Conflict, pool.StatusCode);
        }

        var state = await ServiceState.ObserveAsync(Service, fixture.Admin, ["cap-1", "cap-2", "cap-3", "cap-extra"]);
        Assert.Equal(["10.8.0.1"], state["cap-1"]);
        Assert.Empty(state["cap-extra"]);

        using (var removed = await Service.Http.SendAsync(Api.Remove(fixture.CappedVm, "cap-3")))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using var again = await Service.Http.SendAsync(Api.Register(fixture.CappedVm, "cap-extra", "10.8.0.99"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task ARunawayTokenGets429ProblemWithRetryAfterWhileOtherTokensAreServed()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < LimitedService.RateLimitBurst * 3 && limited is null; i++)
        {
            var response = await Service.Http.SendAsync(Api.Register(fixture.RunawayVm, "runaway-1", "10.9.0.1"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(await Api.IsProblemAsync(limited));
            Assert.NotNull(limited.Headers.RetryAfter);
        }

        Assert.All(statuses.SkipLast(1), s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.OK, $"before the limit: {s}"));
        using var other = await Service.Http.SendAsync(Api.Authorised(HttpMethod.Get, "/a", fixture.BodyVm));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    /// <summary>A read-only stream that cannot say its length, so HttpClient sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
