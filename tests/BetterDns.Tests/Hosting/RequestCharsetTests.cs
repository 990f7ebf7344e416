using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Hosting;

/// <summary>
/// Issue 12 row 7: <c>Content-Type: application/json; charset=utf-7</c> answered 500 on every route, /healthz
/// included, before the rate limiter. Any charset but UTF-8 is now a 415 problem naming the header and the rule,
/// on every route, ahead of authentication and rate limiting; UTF-8 however spelled is read as before.
/// </summary>
public sealed class RequestCharsetTests(BetterDnsApplication app) : IClassFixture<BetterDnsApplication>
{
    private const string Body = "{\"name\": \"charset-1\", \"ip\": \"10.8.0.4\"}";

    public static TheoryData<string> RefusedCharsets() =>
    [
        "application/json; charset=utf-7",
        "application/json; charset=UTF-7",
        "application/json; charset=\"utf-7\"",
        "application/json; charset=latin1",
        "application/json; charset=iso-8859-1",
        "application/json; charset=us-ascii",
        "application/json; charset=utf-16",
        "application/json; charset=bogus",
        "application/json; charset=",
        "application/json; charset=utf-8; charset=utf-7",
        "text/plain; charset=utf-7",
    ];

    public static TheoryData<string> Routes() => ["GET /healthz", "GET /readyz", "GET /metrics", "GET /a", "POST /a", "PUT /a/charset-1", "PUT /a/charset-1/maintenance", "GET /swagger/v1/swagger.json"];

    [Theory]
    [MemberData(nameof(RefusedCharsets))]
    public async Task AnyCharsetButUtf8Answers415NamingTheHeaderOnEveryRoute(string contentType)
    {
        foreach (var route in Routes())
        {
            // Without a token too: the charset is refused before authentication.
            foreach (var client in new[] { app.CreateAdminClient(), app.CreateClient() })
            {
                using var response = await client.SendAsync(Request(route, contentType));

                var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
                Assert.Equal("Content-Type", problem.GetProperty("field").GetString());
                Assert.Contains("UTF-8", problem.Detail());
                Assert.Contains("charset", problem.Detail());
            }
        }
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json;charset=Utf-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json; Charset=utf-8")]
    public async Task Utf8HoweverSpelledIsRead(string contentType)
    {
        var admin = app.CreateAdminClient();
        using var registered = await admin.SendAsync(Request("POST /a", contentType));
        Assert.True(registered.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync()}");

        using var healthz = await admin.SendAsync(Request("GET /healthz", contentType));
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
    }

    [Fact]
    public async Task TheRefusalComesBeforeTheRateLimiterAndNeverAs500()
    {
        await using var limited = new BetterDnsApplication(null, new Dictionary<string, string?>
        {
            ["RateLimit:PermitsPerSecond"] = "1",
            ["RateLimit:Burst"] = "1",
        });
        var vm = limited.CreateVmClient("vm-charset", "charset-*");

        // The attacker's 400 requests, as a tenth: every one a 415, none a 500, none a 429.
        for (var i = 0; i < 40; i++)
        {
            using var response = await vm.SendAsync(Request(i % 2 == 0 ? "POST /a" : "GET /healthz", "application/json; charset=utf-7"));
            await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        }

        // The refusals cost the token nothing: its one permit is still there.
        using var accepted = await vm.SendAsync(Request("GET /a", "application/json; charset=utf-8"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private static HttpRequestMessage Request(string route, string contentType)
    {
        var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
        var body = path.EndsWith("/maintenance", StringComparison.Ordinal) ? "{\"enabled\": true}"
            : method == "PUT" ? "{\"ips\": [\"10.8.0.4\"]}"
            : Body;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        Assert.True(content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        return new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
    }
}
