using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BetterDns.Dns.Bridges;
using BetterDns.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BetterDns.Tests.Observability;

/// <summary>
/// /readyz lists each check (dns-server, zone, data-directory) with its status; it answers 503 while the
/// DNS server is down or the data directory cannot be written (200 again once it can).
/// /healthz stays a liveness probe throughout.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task AReadyServiceListsEveryCheckAsHealthy()
    {
        await using var app = new BetterDnsApplication();

        var (status, body) = await ReadyEventuallyAsync(app);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(["data-directory", "dns-server", "zone"], Checks(body).Keys.Order());
        Assert.All(Checks(body).Values, check => Assert.Equal("Healthy", check.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task NotReadyWhileTheDnsServerIsDown()
    {
        await using var app = new BetterDnsApplication();
        var bridge = app.Services.GetRequiredService<IDnsServerBridge>();
        await ReadyEventuallyAsync(app);

        await bridge.StopAsync(CancellationToken.None);
        var (status, body) = await ReadyzAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", Checks(body)["dns-server"].GetProperty("status").GetString());
        Assert.Equal("Stopped", Checks(body)["dns-server"].GetProperty("data").GetProperty("state").GetString());
        Assert.Equal("Healthy", Checks(body)["zone"].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task NotReadyWhileTheDataDirectoryCannotBeWritten()
    {
        await using var app = new BetterDnsApplication();
        await ReadyEventuallyAsync(app);

        Chattr("+i", app.DataDirectory);
        (HttpStatusCode Status, JsonElement Body) refused;
        try
        {
            refused = await ReadyzAsync(app);
        }
        finally
        {
            Chattr("-i", app.DataDirectory);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        var check = Checks(refused.Body)["data-directory"];
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Contains(app.DataDirectory, check.GetProperty("description").GetString());
        await ReadyEventuallyAsync(app);
        Assert.Empty(Directory.EnumerateFiles(app.DataDirectory, ".readyz-*"));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyzAsync(BetterDnsApplication app)
    {
        using var response = await app.CreateClient().GetAsync("/readyz");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    // The DNS server starts in the background: ready within seconds of start-up (or of a restart).
    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyEventuallyAsync(BetterDnsApplication app)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var answer = await ReadyzAsync(app);
            if (answer.Status == HttpStatusCode.OK || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.True(answer.Status == HttpStatusCode.OK, $"not ready within 10 s: {answer.Body}");
                return answer;
            }

            await Task.Delay(100);
        }
    }

    private static Dictionary<string, JsonElement> Checks(JsonElement body) =>
        body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

    private static void Chattr(string flag, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", ["-R", flag, directory]) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {flag} failed: {process.StandardError.ReadToEnd()}");
    }
}
