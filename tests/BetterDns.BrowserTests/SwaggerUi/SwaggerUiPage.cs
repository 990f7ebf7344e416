using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BetterDns.BrowserTests.SwaggerUi;

/// <summary>Swagger UI as a person uses it: open it, authorise with a token, try an operation out.</summary>
public sealed class SwaggerUiPage(IPage page, Uri baseAddress)
{
    private const float TimeoutMs = 15_000;

    private static readonly Regex IsOpenClass = new(@"(^|\s)is-open(\s|$)");

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

    /// <summary>
    /// Expands the operation, presses "Try it out" (once) and "Execute", and reads the response the page shows.
    /// Every step waits for the state the next one needs (Playwright's web-first assertions retry until it
    /// holds): Swagger UI renders each click asynchronously, so an instant visibility check races it.
    /// </summary>
    public async Task<(string Status, string Body)> ExecuteAsync(string tag, string operationId)
    {
        var operation = Operation(tag, operationId);
        var summary = operation.Locator(".opblock-summary").First;
        await Expect(summary).ToBeVisibleAsync(new() { Timeout = TimeoutMs });

        // The block's "is-open" class is React state, settled before this call (nothing was clicked in between).
        if (!await IsOpenAsync(operation))
        {
            await summary.ClickAsync();
        }

        await Expect(operation).ToHaveClassAsync(IsOpenClass, new() { Timeout = TimeoutMs });

        // One toggle button: "Try it out" before, "Cancel" after it was pressed. Wait until it is there, then read it.
        var toggle = operation.Locator("button.try-out__btn");
        await Expect(toggle).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        if ((await toggle.InnerTextAsync()).Contains("Try it out", StringComparison.Ordinal))
        {
            await toggle.ClickAsync();
        }

        var execute = operation.Locator("button.execute");
        await Expect(execute).ToBeVisibleAsync(new() { Timeout = TimeoutMs });

        // A previous run's response stays on the page until Clear: remove it and wait until it is gone,
        // so what we read below is this run's.
        var live = operation.Locator(".live-responses-table .response");
        if (await live.CountAsync() > 0)
        {
            await operation.Locator("button.btn-clear").ClickAsync();
            await Expect(live).ToHaveCountAsync(0, new() { Timeout = TimeoutMs });
        }

        await execute.ClickAsync();
        await Expect(live).ToHaveCountAsync(1, new() { Timeout = TimeoutMs });
        var status = live.Locator(".response-col_status");
        await Expect(status).Not.ToBeEmptyAsync(new() { Timeout = TimeoutMs });
        var body = await live.Locator(".response-col_description").InnerTextAsync();
        return ((await status.InnerTextAsync()).Trim(), body);
    }

    private static async Task<bool> IsOpenAsync(ILocator operation) =>
        ((await operation.GetAttributeAsync("class")) ?? "").Split(' ').Contains("is-open");

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
