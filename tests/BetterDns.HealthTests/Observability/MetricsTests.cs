using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BetterDns.HealthTests.Infrastructure;
using BetterDns.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace BetterDns.HealthTests.Observability;

/// <summary>
/// <c>/metrics</c> scraped from the real service after a registration and after a health transition:
/// the series exist with the values the events imply.
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task ARegistrationShowsUpAsAChangeAJournalCommitAZoneWriteARequestAndARecordInSync()
    {
        await using var app = new HealthApp();
        var vm = app.Vm("vm-metrics", "metrics-*");

        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(vm, "metrics-1", IPAddress.Parse("127.0.40.1"), check: null)).StatusCode);
        using (var waited = await vm.GetAsync("/a/metrics-1?wait=5s"))
        {
            Assert.Contains("INSYNC", await waited.Content.ReadAsStringAsync());
        }

        await app.Services.GetRequiredService<IRegistry>().FlushAsync();

        var scrape = await ScrapeUntilAsync(app, s => s.Value("betterdns_records", ("state", "passing"), ("sync", "insync")) == 1);
        Assert.Equal(1, scrape.Value("betterdns_registry_changes_total", ("change", "register"), ("outcome", "created")));
        Assert.Equal(0, scrape.Value("betterdns_records", ("sync", "pending")));
        Assert.True(scrape.Value("betterdns_journal_batch_size_count") >= 1);
        Assert.True(scrape.Value("betterdns_journal_batch_size_sum") >= 1);
        Assert.True(scrape.Value("betterdns_zone_write_duration_seconds_count") >= 1);
        Assert.Equal(1, scrape.Value("betterdns_sync_duration_seconds_count"));
        Assert.InRange(scrape.Value("betterdns_sync_duration_seconds_sum"), 0, 5);
        Assert.Equal(1, scrape.Value("http_server_request_duration_seconds_count",
            ("http_request_method", "POST"), ("http_route", "/a/"), ("http_response_status_code", "201")));
        Assert.Equal(1, scrape.Value("betterdns_dns_server_starts_total", ("server", "embedded")));
        Assert.Equal(1, scrape.Value("betterdns_dns_server_up", ("server", "embedded")));

        // Refused changes are counted by outcome too.
        var stranger = app.Vm("vm-other", "other-*");
        Assert.Equal(HttpStatusCode.Forbidden, (await HealthApp.RegisterAsync(stranger, "metrics-1", IPAddress.Parse("127.0.40.2"), check: null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await vm.DeleteAsync("/a/metrics-1")).StatusCode);
        scrape = await ScrapeUntilAsync(app, s => s.Value("betterdns_records") == 0);
        Assert.Equal(1, scrape.Value("betterdns_registry_changes_total", ("change", "remove"), ("outcome", "updated")));
        Assert.Equal(1, scrape.Value("http_server_request_duration_seconds_count", ("http_response_status_code", "403")));
    }

    [Fact]
    public async Task AHealthTransitionShowsUpAsFailedChecksAHealthChangeAndACriticalRecord()
    {
        var address = IPAddress.Parse("127.0.0.8");
        using var target = new TcpTarget(address);
        await using var app = new HealthApp();
        var check = new { kind = "tcp", port = target.Port, interval = "100ms", failuresBeforeCritical = 2, successesBeforePassing = 1 };
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(app.Admin, "metrics-db", address, check)).StatusCode);

        var passing = await ScrapeUntilAsync(app, s => s.Value("betterdns_health_check_duration_seconds_count", ("kind", "tcp"), ("result", "pass")) >= 1);
        Assert.Equal(0, passing.Value("betterdns_health_check_failures_total"));
        Assert.Equal(1, passing.Value("betterdns_records", ("state", "passing")));

        target.Stop();
        await app.WaitForStateAsync("metrics-db", address, "critical");

        var critical = await ScrapeUntilAsync(app, s => s.Value("betterdns_records", ("state", "critical")) == 1);
        Assert.Equal(0, critical.Value("betterdns_records", ("state", "passing")));
        Assert.True(critical.Value("betterdns_health_check_failures_total", ("kind", "tcp")) >= 2);
        Assert.True(critical.Value("betterdns_health_check_duration_seconds_count", ("kind", "tcp"), ("result", "fail")) >= 2);
        Assert.Equal(1, critical.Value("betterdns_registry_changes_total", ("change", "health"), ("outcome", "updated")));

        target.Start();
        await app.WaitForStateAsync("metrics-db", address, "passing");
        var recovered = await ScrapeUntilAsync(app, s => s.Value("betterdns_records", ("state", "passing")) == 1);
        Assert.Equal(2, recovered.Value("betterdns_registry_changes_total", ("change", "health"), ("outcome", "updated")));
        Assert.Equal(0, recovered.Value("betterdns_records", ("state", "critical")));
    }

    [Fact]
    public async Task FailedWebhookDeliveriesAreCountedPerAttempt()
    {
        var address = IPAddress.Parse("127.0.0.9");
        using var target = new TcpTarget(address);
        using var closed = new TcpTarget(IPAddress.Loopback);
        var deadPort = closed.Port;
        closed.Stop();
        await using var app = new HealthApp(new Dictionary<string, string?>
        {
            ["Health:Webhooks:0"] = $"http://127.0.0.1:{deadPort}/hook",
            ["Health:WebhookAttempts"] = "2",
            ["Health:WebhookFirstRetry"] = "00:00:00.050",
        });
        await HealthApp.RegisterAsync(app.Admin, "metrics-hook", address, new { kind = "tcp", port = target.Port, interval = "100ms", failuresBeforeCritical = 1 });
        await ScrapeUntilAsync(app, s => s.Value("betterdns_health_check_duration_seconds_count", ("kind", "tcp")) >= 1);

        target.Stop();
        var scrape = await ScrapeUntilAsync(app, s => s.Value("betterdns_webhook_failures_total", ("final", "true")) >= 1);

        // Two attempts per event: every event given up failed once before.
        Assert.True(scrape.Value("betterdns_webhook_failures_total", ("final", "false")) >= scrape.Value("betterdns_webhook_failures_total", ("final", "true")));
        Assert.True(scrape.Value("betterdns_webhook_failures_total", ("final", "true")) >= 1);
    }

    [Fact]
    public async Task EachHostScrapesOnlyItsOwnMeter()
    {
        await using var busy = new HealthApp();
        await using var idle = new HealthApp();
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(busy.Admin, "metrics-own", IPAddress.Parse("127.0.40.9"), check: null)).StatusCode);

        await ScrapeUntilAsync(busy, s => s.Value("betterdns_registry_changes_total", ("change", "register")) == 1);
        var other = await Scrape.FromAsync(idle.Admin);
        Assert.Equal(0, other.Value("betterdns_registry_changes_total"));
        Assert.Equal(0, other.Value("betterdns_records"));
    }

    [Fact]
    public async Task TheEmbeddedDnsServerCountsRefusedTcpConnectionsAndRateLimitedResponses()
    {
        await using var app = new HealthApp(new Dictionary<string, string?>
        {
            ["Dns:Embedded:MaxTcpConnectionsPerSource"] = "1",
            ["Dns:Embedded:ResponseRateLimit:Enabled"] = "true",
            ["Dns:Embedded:ResponseRateLimit:ResponsesPerSecond"] = "1",
        });
        var source = IPAddress.Parse("127.0.0.2");
        using var held = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var refused = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        foreach (var socket in new[] { held, refused, udp })
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(app.Dns);
        }

        // The zone's SOA, twenty times from one network: one answer a second, the rest dropped or sent truncated.
        byte[] soaQuery = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, .. "cluster"u8, 8, .. "internal"u8, 0, 0, 6, 0, 1];
        for (var i = 0; i < 20; i++)
        {
            await udp.SendAsync(soaQuery);
        }

        var scrape = await ScrapeUntilAsync(app, s => s.Value("betterdns_dns_tcp_refused_total") >= 1
            && s.Value("betterdns_dns_rate_limited_total", ("action", "dropped")) >= 1
            && s.Value("betterdns_dns_rate_limited_total", ("action", "slipped")) >= 1);
        Assert.Equal(1, scrape.Value("betterdns_dns_tcp_refused_total"));
        Assert.Equal(0, scrape.Value("betterdns_dns_tcp_evicted_total"));
        Assert.True(scrape.Value("betterdns_dns_rate_limited_total", ("action", "dropped")) >= 1);
        Assert.True(scrape.Value("betterdns_dns_rate_limited_total", ("action", "slipped")) >= 1);
    }

    private static async Task<Scrape> ScrapeUntilAsync(HealthApp app, Func<Scrape, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var scrape = await Scrape.FromAsync(app.Admin);
            if (condition(scrape) || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                return scrape;
            }

            await Task.Delay(50);
        }
    }
}
