using System.Net.Http.Headers;
using System.Net.Http.Json;
using BetterDns.Auth;
using BetterDns.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BetterDns.BrowserTests.Infrastructure;

/// <summary>
/// The real betterdns host (the same composition `betterdns serve` runs) on a Kestrel listener at a
/// free loopback port, with its DNS server on another, over a temp data directory it deletes on dispose.
/// </summary>
public sealed class BetterDnsServer : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("betterdns-browser-").FullName;
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    private WebApplication App => _app ?? throw new InvalidOperationException("The server has not been started.");

    public async Task InitializeAsync()
    {
        _app = BetterDnsHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            $"--{DataDirectory.ConfigurationKey}={_dataDirectory}",
            "--Dns:Listen=127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();

        // Port 0 makes Kestrel pick a free port; the addresses feature reports the one it bound.
        BaseAddress = new Uri(_app.Urls.Single());
    }

    /// <summary>A token signed with the key this server generated, as `betterdns token create` would print it.</summary>
    public string CreateToken(string subject, bool isAdmin, params string[] names) => CreateToken(subject, isAdmin, names, []);

    /// <summary><paramref name="ips"/>: what a VM token may register besides its caller's address (`--ips`).</summary>
    public string CreateToken(string subject, bool isAdmin, string[] names, string[] ips) =>
        TokenIssuer.Create(
            new TokenRequest(subject, isAdmin, names, TimeSpan.FromHours(1)) { Addresses = ips },
            App.Services.GetRequiredService<SigningKeyStore>().Key,
            App.Services.GetRequiredService<IOptions<AuthOptions>>().Value);

    /// <summary>Registers <paramref name="name"/> at <paramref name="ip"/> through the HTTP API, as a VM's boot script does.</summary>
    public async Task RegisterAsync(string name, string ip)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CreateToken("vm-1", false, [name], [ip]));
        using var response = await client.PostAsJsonAsync("/a", new { name, ip, ttl = 60 });
        Assert.True(response.IsSuccessStatusCode, $"POST /a answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }
}
