using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BetterDns.Auth;
using BetterDns.Dns.Embedded;
using BetterDns.Health;
using BetterDns.Hosting;
using BetterDns.IntegrationTests.Dns.Embedded;
using BetterDns.Registry;
using BetterDns.Zone.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BetterDns.IntegrationTests.VmBoot;

/// <summary>
/// deploy/vm/betterdns-register.sh run with sh and curl against the real service on a loopback port, as a
/// VM would at boot and shutdown: register → INSYNC → the record answers in DNS → heartbeat → deregister.
/// </summary>
public sealed class VmBootScriptTests
{
    private static readonly DomainName Fqdn = DomainName.Parse("boot-1.cluster.internal.");

    [Fact]
    public async Task RegistersUntilInSyncSendsAHeartbeatAndDeregisters()
    {
        await using var service = await Service.StartAsync(port: 0);
        var env = service.VmEnvironment();
        env["BETTERDNS_CHECK"] = """{"kind":"heartbeat","interval":"30s"}""";

        var registered = await RunAsync("register", env);

        Assert.True(registered.Exit == 0, registered.Output);
        Assert.Contains("boot-1 is INSYNC", registered.Output);
        var registration = Assert.Single(service.Registry.Current.Find(Fqdn));
        Assert.Equal(SyncStatus.InSync, registration.Sync);
        Assert.Equal(CheckKind.Heartbeat, registration.Check.Kind);
        var answer = await new Dig(service.Dns).QueryAsync(Fqdn.Value);
        Assert.Equal("NOERROR", answer.Status);
        Assert.Equal("127.0.0.1", Assert.Single(answer.Answer).Data);

        Assert.Null(service.Board.LastHeartbeat(Fqdn, IPAddress.Loopback));
        var heartbeat = await RunAsync("heartbeat", env);
        Assert.True(heartbeat.Exit == 0, heartbeat.Output);
        Assert.NotNull(service.Board.LastHeartbeat(Fqdn, IPAddress.Loopback));

        var deregistered = await RunAsync("deregister", env);
        Assert.True(deregistered.Exit == 0, deregistered.Output);
        Assert.Empty(service.Registry.Current.Find(Fqdn));
        Assert.Equal("NXDOMAIN", (await new Dig(service.Dns).QueryAsync(Fqdn.Value)).Status);
    }

    [Fact]
    public async Task RegisterRetriesUntilTheServiceComesUp()
    {
        var port = FreePort();
        var dataDirectory = Directory.CreateTempSubdirectory("betterdns-vmboot-").FullName;
        try
        {
            // A token the service will accept: signed with the key it will load from its data directory.
            var key = SigningKeyStore.Load(new AuthOptions(), dataDirectory);
            // …and for its zone (the audience is the zone origin unless Auth:Audience says otherwise).
            var options = new AuthOptions { Audience = TokenAudience.Of(new BetterDns.Registry.Options.ZoneOptions().Origin) };
            var token = TokenIssuer.Create(new TokenRequest("vm-boot", false, ["boot-*"], TimeSpan.FromHours(1)), key, options);
            var env = Service.Environment($"http://127.0.0.1:{port}", token);
            env["BETTERDNS_RETRY_MAX"] = "1";

            var register = RunAsync("register", env);
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            Assert.False(register.IsCompleted);
            await using var service = await Service.StartAsync(port, dataDirectory);
            var result = await register;

            Assert.True(result.Exit == 0, result.Output);
            Assert.Contains("status 000, retrying", result.Output);
            Assert.Equal(SyncStatus.InSync, Assert.Single(service.Registry.Current.Find(Fqdn)).Sync);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task ARefusedTokenFailsAtOnceInsteadOfRetrying()
    {
        await using var service = await Service.StartAsync(port: 0);
        var env = service.VmEnvironment();
        env["BETTERDNS_TOKEN"] = "not-a-token";

        var result = await RunAsync("register", env);

        Assert.Equal(1, result.Exit);
        Assert.Contains("HTTP 401", result.Output);
        Assert.DoesNotContain("retrying", result.Output);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string command, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(BetterDns.Testing.RepositoryRoot.Path, "deploy", "vm", "betterdns-register.sh"));
        start.ArgumentList.Add(command);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The real host (<see cref="BetterDnsHost.Build"/>) on loopback: HTTP and embedded DNS on their own ports.</summary>
    private sealed class Service : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly string? _ownedDirectory;

        private Service(WebApplication app, string? ownedDirectory)
        {
            _app = app;
            _ownedDirectory = ownedDirectory;
        }

        public IRegistry Registry => _app.Services.GetRequiredService<IRegistry>();

        public HealthBoard Board => _app.Services.GetRequiredService<HealthBoard>();

        public IPEndPoint Dns => _app.Services.GetRequiredService<EmbeddedDnsServer>().Endpoints[0];

        public static async Task<Service> StartAsync(int port, string? dataDirectory = null)
        {
            var owned = dataDirectory is null ? Directory.CreateTempSubdirectory("betterdns-vmboot-").FullName : null;
            var app = BetterDnsHost.Build(
            [
                $"--Urls=http://127.0.0.1:{port}",
                $"--Storage:DataDirectory={dataDirectory ?? owned}",
                "--Dns:Listen=127.0.0.1:0",
                "--Registration:AllowedNetworks:0=127.0.0.0/8",
                // The "VM" runs on this host and registers the loopback address it connects from: a lab, so the
                // VM denial list is relaxed as docs/deploy.md describes (the script itself is unchanged).
                "--Registration:VmDeniedNetworks:0=none",
                "--Logging:LogLevel:Default=Warning",
            ]);
            await app.StartAsync();
            return new Service(app, owned);
        }

        public static Dictionary<string, string> Environment(string url, string token) => new()
        {
            ["BETTERDNS_URL"] = url,
            ["BETTERDNS_TOKEN"] = token,
            ["BETTERDNS_NAME"] = "boot-1",
            ["BETTERDNS_WAIT"] = "5s",
            ["BETTERDNS_SYNC_TIMEOUT"] = "30",
        };

        public Dictionary<string, string> VmEnvironment()
        {
            var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var token = TokenIssuer.Create(
                new TokenRequest("vm-boot", false, ["boot-*"], TimeSpan.FromHours(1)),
                _app.Services.GetRequiredService<SigningKeyStore>().Key,
                _app.Services.GetRequiredService<IOptions<AuthOptions>>().Value);
            return Environment(address, token);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            if (_ownedDirectory is not null)
            {
                Directory.Delete(_ownedDirectory, recursive: true);
            }
        }
    }
}
