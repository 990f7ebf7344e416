using Microsoft.Playwright;

namespace BetterDns.BrowserTests.SwaggerUi;

/// <summary>Swagger UI as a person uses it: open it, authorise with a token, try an operation out.</summary>
public sealed class SwaggerUiPage(IPage page, Uri baseAddress)
{
    private const float TimeoutMs = 15_000;

    public IPage Page => page;

    public async Task OpenAsync()
    {
        await page.GotoAsync(new Uri(baseAddress, "/swagger/index.html").ToString());
        await page.Locator(".opblock").First.WaitForAsync(new() { Timeout = TimeoutMs });
    }

    /// <summary>The padlock at the top: paste the token into the bearer field, Authorize, Close.</summary>
    public async Task AuthorizeAsync(string token)
    {
        await page.Locator(".scheme-container button.authorize").ClickAsync();
        var dialog = page.Locator(".modal-ux");
        await dialog.Locator("input").First.FillAsync(token);
        await dialog.Locator(".auth-btn-wrapper button.authorize").ClickAsync();
        await dialog.Locator("button.btn-done").ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = TimeoutMs });
    }

    /// <summary>Expands the operation, presses "Try it out" (once) and "Execute", and reads the response the page shows.</summary>
    public async Task<(string Status, string Body)> ExecuteAsync(string tag, string operationId)
    {
        var operation = Operation(tag, operationId);
        if (!await operation.Locator(".opblock-body").IsVisibleAsync())
        {
            await operation.Locator(".opblock-summary").ClickAsync();
        }

        var tryOut = operation.Locator("button.try-out__btn", new() { HasText = "Try it out" });
        if (await tryOut.IsVisibleAsync())
        {
            await tryOut.ClickAsync();
        }

        // A previous run's response stays on the page until Clear: remove it, so what we read is this run's.
        var clear = operation.Locator("button.btn-clear");
        if (await clear.IsVisibleAsync())
        {
            await clear.ClickAsync();
        }

        await operation.Locator("button.execute").ClickAsync();
        var live = operation.Locator(".live-responses-table .response");
        await live.WaitForAsync(new() { Timeout = TimeoutMs });
        var status = (await live.Locator(".response-col_status").InnerTextAsync()).Trim();
        var body = await live.Locator(".response-col_description").InnerTextAsync();
        return (status, body);
    }

    public ILocator Operation(string tag, string operationId) => page.Locator($"#operations-{tag}-{operationId}");

    /// <summary>The page from its top (title, Authorize) down to the end of the operation's server response.</summary>
    public async Task ScreenshotAsync(string tag, string operationId, string path)
    {
        var response = Operation(tag, operationId).Locator(".live-responses-table .response-col_description .highlight-code").First;
        var bottom = await response.EvaluateAsync<float>("e => e.getBoundingClientRect().bottom + window.scrollY");
        var width = page.ViewportSize?.Width ?? 1280;
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Clip = new() { X = 0, Y = 0, Width = width, Height = bottom + 16 } });
    }
}
