using System.Net;
using System.Text.Json;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.OpenApi;

public sealed class SwaggerTests(BetterDnsApplication app) : IClassFixture<BetterDnsApplication>
{
    [Fact]
    public async Task TheSwaggerUiIsServed()
    {
        var response = await app.CreateClient().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheDocumentDescribesEveryRouteWithASummaryAndItsResponses()
    {
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var paths = document.GetProperty("paths");

        (string Path, string Method, string[] Statuses)[] expected =
        [
            ("/a", "get", ["200", "401", "403"]),
            ("/a/{name}", "get", ["200", "400", "401", "403", "404"]),
            ("/a", "post", ["201", "200", "400", "401", "403", "409", "413", "415", "503"]),
            ("/a/{name}", "put", ["200", "201", "400", "401", "403", "404", "409", "503"]),
            ("/a/{name}", "delete", ["204", "400", "401", "403", "404", "503"]),
            ("/", "get", ["200", "401", "403"]),
        ];
        foreach (var (path, method, statuses) in expected)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            var responses = operation.GetProperty("responses");
            foreach (var status in statuses)
            {
                Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} does not document {status}");
            }
        }
    }

    [Fact]
    public async Task TheDocumentOffersBearerAuthorization()
    {
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement;

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Contains(document.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("Bearer", out _));
    }
}
