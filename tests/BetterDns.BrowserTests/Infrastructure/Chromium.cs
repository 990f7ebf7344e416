using Microsoft.Playwright;

namespace BetterDns.BrowserTests.Infrastructure;

/// <summary>
/// Debian's chromium (installed by .ci/run), driven by the Playwright driver that ships inside the
/// Microsoft.Playwright package: nothing is downloaded, so `playwright install` is never needed.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been launched.");

    public async Task InitializeAsync()
    {
        // A missing browser is a broken test machine, not a reason to skip: say how to fix it.
        Assert.True(File.Exists(ExecutablePath),
            $"{ExecutablePath} is missing: install Debian's chromium with 'apt-get install -y chromium' (bash .ci/run does).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = 30_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
