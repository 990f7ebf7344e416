using System.Net;
using System.Net.Http.Headers;
using BetterDns.Auth;
using BetterDns.Manifest;
using BetterDns.Registry;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterDns.Tests.Infrastructure;

/// <summary>
/// The real service over a temp data directory, handing out clients that carry real JWTs signed with
/// the key the service itself generated. Disposing it stops the host and, if it created the data
/// directory, deletes it.
/// </summary>
public sealed class BetterDnsApplication : WebApplicationFactory<Program>
{
    private readonly bool _ownsDataDirectory;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public BetterDnsApplication()
        : this(null, null)
    {
    }

    internal BetterDnsApplication(string? dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? TempDirectory.Create();
        _settings = settings ?? new Dictionary<string, string?>();
    }

    public string DataDirectory { get; }

    /// <summary>The socket peer every request appears to come from (what Kestrel would report).</summary>
    public IPAddress RemoteAddress { get; set; } = IPAddress.Parse("10.1.2.3");

    /// <summary>Every log entry the host writes, through the host's own logger factory (as a console provider gets them).</summary>
    public LogCapture Logs { get; } = new();

    public AuthOptions AuthOptions => Services.GetRequiredService<IOptions<AuthOptions>>().Value;

    public string ZoneFilePath => Services.GetRequiredService<ZoneFileReader>().Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Dns:Listen", "127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
            services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(() => RemoteAddress)));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>
    /// What a VM token of these tests may register besides its caller address (as `token create --ips` would
    /// grant): the private ranges, so tests about names, pools and health can register explicit addresses.
    /// Tests of the entitlement itself pass <c>ips</c> explicitly (<c>[]</c> for a token that lists none).
    /// </summary>
    public static readonly IReadOnlyList<string> PrivateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

    public string CreateToken(string subject, bool isAdmin, IReadOnlyList<string> names, TimeSpan? lifetime = null, IReadOnlyList<string>? ips = null) =>
        TokenIssuer.Create(
            new TokenRequest(subject, isAdmin, names, lifetime ?? TimeSpan.FromHours(1)) { Addresses = ips ?? (isAdmin ? [] : PrivateRanges) },
            Services.GetRequiredService<SigningKeyStore>().Key,
            AuthOptions);

    public HttpClient CreateClient(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient CreateVmClient(string subject, params string[] names) => CreateClient(CreateToken(subject, false, names));

    public HttpClient CreateAdminClient(string subject = "operator") => CreateClient(CreateToken(subject, true, []));

    public async Task<byte[]> ReadZoneFileAsync()
    {
        await FlushAsync();
        return await File.ReadAllBytesAsync(ZoneFilePath);
    }

    /// <summary>Forces the registry's checkpoint so the zone file on disk reflects every acknowledged change.</summary>
    public Task FlushAsync() => Services.GetRequiredService<IRegistry>().FlushAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDataDirectory)
        {
            TempDirectory.Delete(DataDirectory);
        }
    }
}
