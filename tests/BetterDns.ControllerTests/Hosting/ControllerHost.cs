using System.Globalization;
using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;
using BetterDns.Dns.Bridges.Process;
using BetterDns.Dns.Sync;
using BetterDns.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BetterDns.ControllerTests.Hosting;

/// <summary>
/// A generic host with the real registry (<c>AddRegistry</c>) and the controller (<c>AddDnsController</c>)
/// configured only through settings, driving a real server over a temp data directory.
/// </summary>
public sealed class ControllerHost : IAsyncDisposable
{
    private ControllerHost(TempDirectory directory, IHost host, RecordingSyncReporter reporter)
    {
        Directory = directory;
        Host = host;
        Reporter = reporter;
    }

    public TempDirectory Directory { get; }

    public IHost Host { get; }

    public RecordingSyncReporter Reporter { get; }

    public IRegistry Registry => Host.Services.GetRequiredService<IRegistry>();

    public static async Task<ControllerHost> StartAsync(
        Func<TempDirectory, string, ProcessServerOptions> server, string strategy, bool recordReports = true,
        Action<HostApplicationBuilder>? configure = null)
    {
        var directory = new TempDirectory();
        var zoneFile = directory.File("cluster.test.zone");
        var process = server(directory, zoneFile);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = directory.Path,
            ["Zone:Origin"] = TestZone.Origin.Value,
            ["Registry:ZoneFlushInterval"] = "00:00:00.010",
            ["Dns:Server"] = "process",
            ["Dns:ApplyStrategy"] = strategy,
            ["Dns:Process:Name"] = process.Name,
            ["Dns:Process:Command"] = process.Command,
            ["Dns:Process:ReloadCommand"] = process.ReloadCommand,
            ["Dns:Process:ProbeEndpoint"] = process.ProbeEndpoint,
            ["Dns:Supervision:InitialBackoff"] = "00:00:00.050",
            ["Dns:Supervision:ProbeInterval"] = "00:00:00.020",
            ["Dns:Sync:RetryInterval"] = "00:00:00.010",
        };
        for (var i = 0; i < process.Arguments.Count; i++)
        {
            settings[$"Dns:Process:Arguments:{i.ToString(CultureInfo.InvariantCulture)}"] = process.Arguments[i];
        }

        for (var i = 0; i < process.ReloadArguments.Count; i++)
        {
            settings[$"Dns:Process:ReloadArguments:{i.ToString(CultureInfo.InvariantCulture)}"] = process.ReloadArguments[i];
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = directory.Path,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        var reporter = new RecordingSyncReporter();
        if (recordReports)
        {
            builder.Services.AddSingleton<ISyncReporter>(reporter);
        }

        builder.AddRegistry();
        builder.AddDnsController();
        configure?.Invoke(builder);

        var host = builder.Build();
        await host.StartAsync();
        return new ControllerHost(directory, host, reporter);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync();
            Host.Dispose();
        }
        finally
        {
            Directory.Dispose();
        }
    }
}
