using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BetterDns.Dns.Embedded;
using BetterDns.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BetterDns.HealthTests.Infrastructure;

/// <summary>The real service with its health checker, plus helpers to register checked records and watch their state.</summary>
public sealed class HealthApp : IAsyncDisposable
{
    public const string Zone = "cluster.internal.";

    private readonly BetterDnsApplication _app;

    public HealthApp(IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Registration:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Health:MinInterval"] = "00:00:00.050",
            // A lab, as docs/deploy.md describes it: the targets are real listeners on loopback, so VM tokens
            // may register loopback addresses and check them fast. The defaults are tested in ProbeOracleTests.
            ["Registration:VmDeniedNetworks:0"] = "none",
            ["Health:MaxProbesPerSecondPerOwner"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        _app = new BetterDnsApplication(dataDirectory, all);
        Admin = _app.CreateAdminClient();
    }

    public HttpClient Admin { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every entry the service logged, as a provider received it.</summary>
    public LogCapture Logs => _app.Logs;

    public IPEndPoint Dns => Services.GetRequiredService<EmbeddedDnsServer>().Endpoints[0];

    /// <summary>A VM token entitled to loopback, where the tests' targets listen.</summary>
    public HttpClient Vm(string subject, params string[] names) => _app.CreateClient(_app.CreateToken(subject, false, names, ips: ["127.0.0.0/8"]));

    public static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string name, IPAddress ip, object? check, int? priority = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = name, ["ip"] = ip.ToString() };
        if (check is not null)
        {
            body["check"] = check;
        }

        if (priority is not null)
        {
            body["priority"] = priority;
        }

        return await client.PostAsJsonAsync("/a", body);
    }

    public Task<TimeSpan> AnswersAsync(string name, params string[] ips) => Dig.UntilAsync(Dns, name + "." + Zone, ips);

    /// <summary>The record's representation in GET /a/{name}, or null when the name has no registration with that address.</summary>
    public async Task<JsonElement?> RecordAsync(string name, IPAddress ip)
    {
        using var response = await Admin.GetAsync("/a/" + name);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var set = await response.ReadJsonAsync();
        return set.GetProperty("records").EnumerateArray().Where(r => r.Str("ip") == ip.ToString()).Select(r => (JsonElement?)r).FirstOrDefault();
    }

    public async Task<JsonElement> WaitForStateAsync(string name, IPAddress ip, string state, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        JsonElement? last;
        do
        {
            last = await RecordAsync(name, ip);
            if (last?.GetProperty("health").Str("state") == state)
            {
                return last.Value;
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < (within ?? TimeSpan.FromSeconds(10)));

        Assert.Fail($"{name} {ip} did not become {state}: {last}");
        return default;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
