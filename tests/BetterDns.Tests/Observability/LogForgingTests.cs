using System.Net;
using System.Net.Http.Json;
using BetterDns.Health;
using BetterDns.Registry;
using BetterDns.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BetterDns.Tests.Observability;

/// <summary>
/// Issue 12 row 15: a maintenance <c>reason</c> with CR/LF and ESC was written raw into the service log.
/// The API now refuses control characters in it (400 naming the field and the rule), and, in depth, the
/// host's logger factory escapes them in whatever client text does reach a log: one entry, no raw CR/LF/ESC.
/// </summary>
public sealed class LogForgingTests
{
    private const string Forged = "kernel upgrade\r\n[fake] admin logged in\u001b[31m";

    [Fact]
    public async Task AReasonWithControlCharactersIsRefusedNamingTheFieldAndTheRule()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-log", "log-*");
        Assert.Equal(HttpStatusCode.Created, (await app.CreateAdminClient().RegisterAsync("log-1", "10.8.0.9")).StatusCode);
        await app.CreateAdminClient().DeleteAsync("/a/log-1");
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("log-1", "10.8.0.9")).StatusCode);

        foreach (var reason in new[] { Forged, "a\nb", "a\u001bb", "a\u0085b", "a\u2028b", "a\u202eb", "a\tb" })
        {
            using var response = await vm.PutAsJsonAsync("/a/log-1/maintenance", new { enabled = true, reason });

            var messages = await response.AssertValidationProblemAsync("reason");
            Assert.Contains(messages, m => m.Contains("control characters", StringComparison.Ordinal));
        }

        var record = await (await vm.GetNameAsync("log-1")).ReadJsonAsync();
        Assert.Equal("passing", record.GetProperty("records")[0].GetProperty("health").Str("state"));
        Assert.DoesNotContain(app.Logs.Entries, e => e.AllText.Contains("[fake]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientTextThatReachesTheLogIsEscapedSoNoLineCanBeForged()
    {
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?>
        {
            // "Request starting …" carries the (decoded) request path, and its scope the path again.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        var admin = app.CreateAdminClient();
        Assert.Equal(HttpStatusCode.Created, (await admin.RegisterAsync("log-2", "10.8.0.10")).StatusCode);

        // The path, percent-encoded on the wire, is CR/LF/ESC once decoded.
        using (await admin.GetAsync("/a/log-2" + Uri.EscapeDataString(Forged)))
        {
        }

        // Defence in depth: the health event log line, as if a reason had got past the API's rule.
        var registration = app.Services.GetRequiredService<IRegistry>().Current.All.Single(r => r.Name == "log-2");
        app.Services.GetRequiredService<HealthEvents>().Changed(registration, "passing", "maintenance", Forged);

        var entries = app.Logs.Entries.ToList();
        Assert.All(entries, e => Assert.True(
            e.AllText.IndexOfAny(['\r', '\n', '\u001b']) < 0, $"raw control character in a {e.Category} entry: {e.AllText}"));
        var health = Assert.Single(entries, e => e.Category == typeof(HealthEvents).FullName && e.Message.Contains("[fake] admin logged in", StringComparison.Ordinal));
        Assert.Contains(@"kernel upgrade\r\n[fake] admin logged in\u001b[31m", health.Message);
        Assert.Equal(@"kernel upgrade\r\n[fake] admin logged in\u001b[31m", health.Properties.Single(p => p.Key == "Reason").Value);
        Assert.Contains(entries, e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics"
            && e.Message.Contains(@"log-2kernel upgrade\r\n[fake] admin logged in\u001b[31m", StringComparison.Ordinal));
    }
}
