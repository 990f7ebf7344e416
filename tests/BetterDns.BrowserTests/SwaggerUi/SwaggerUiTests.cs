using BetterDns.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace BetterDns.BrowserTests.SwaggerUi;

public sealed class SwaggerUiTests(Chromium chromium, BetterDnsServer server) : IClassFixture<Chromium>, IClassFixture<BetterDnsServer>
{
    /// <summary>Where the test leaves its picture of Swagger UI; docs/images/swagger-ui.png is a copy.</summary>
    public static readonly string ScreenshotPath = Path.Combine(AppContext.BaseDirectory, "screenshots", "swagger-ui.png");

    [Fact]
    public async Task AnAuthorisedAdminListsTheRegisteredNameFromSwaggerUi()
    {
        await server.RegisterAsync("web-1", "10.0.0.5");
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 } });
        var swagger = new SwaggerUiPage(await context.NewPageAsync(), server.BaseAddress);

        await swagger.OpenAsync();
        await swagger.AuthorizeAsync(server.CreateToken("ops", isAdmin: true));
        var (status, body) = await swagger.ExecuteAsync("Records", "ListRecords");

        Assert.Equal("200", status);
        Assert.Contains("\"name\": \"web-1\"", body);
        Assert.Contains("\"ip\": \"10.0.0.5\"", body);
        await swagger.ScreenshotAsync("Records", "ListRecords", ScreenshotPath);
    }

    [Fact]
    public async Task WithoutAuthorisingSwaggerUiShowsUnauthorized()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var swagger = new SwaggerUiPage(await context.NewPageAsync(), server.BaseAddress);

        await swagger.OpenAsync();
        var (status, body) = await swagger.ExecuteAsync("Records", "ListRecords");

        Assert.Equal("401", status);
        Assert.Contains("needs a bearer token", body);
    }
}
