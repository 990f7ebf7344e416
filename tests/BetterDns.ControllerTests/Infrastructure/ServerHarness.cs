using BetterDns.Dns;
using BetterDns.Dns.Bridges;
using BetterDns.Dns.Bridges.Process;
using BetterDns.Dns.Controller;
using BetterDns.Dns.Strategies;
using Microsoft.Extensions.Logging;

namespace BetterDns.ControllerTests.Infrastructure;

/// <summary>
/// A real server behind the process bridge and a controller with a chosen strategy, in its own temp
/// directory; disposing stops the server (and asserts nothing of it is left running) and deletes the directory.
/// </summary>
public sealed class ServerHarness : IAsyncDisposable
{
    private ServerHarness(TempDirectory directory, ProcessBridge bridge, DnsController controller, CapturingLoggerFactory logs)
    {
        Directory = directory;
        Bridge = bridge;
        Controller = controller;
        Logs = logs;
        Resolver = new Resolver(bridge.ProbeEndpoint);
    }

    public TempDirectory Directory { get; }

    public ProcessBridge Bridge { get; }

    public DnsController Controller { get; }

    public CapturingLoggerFactory Logs { get; }

    public Resolver Resolver { get; }

    public string ZoneFile => RealServers.ZoneFile(Directory);

    public static SupervisionOptions FastSupervision() => new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromSeconds(1),
        StopTimeout = TimeSpan.FromSeconds(5),
        StartTimeout = TimeSpan.FromSeconds(15),
        ProbeInterval = TimeSpan.FromMilliseconds(20),
        ProbeTimeout = TimeSpan.FromMilliseconds(300),
    };

    /// <summary>Writes the first zone, starts the server through the controller and waits until it answers.</summary>
    public static async Task<ServerHarness> StartAsync(
        Func<TempDirectory, ProcessServerOptions> server,
        ApplyStrategyKind strategy,
        SupervisionOptions? supervision = null,
        params (string Name, string Address)[] records)
    {
        var directory = new TempDirectory();
        var logs = new CapturingLoggerFactory();
        var options = server(directory);
        TestZone.WriteAtomically(RealServers.ZoneFile(directory), TestZone.Build(1, records));
        var bridge = new ProcessBridge(options, RealServers.Controlled(directory), supervision ?? FastSupervision(), logs, TimeProvider.System);
        var controller = new DnsController(bridge, IApplyStrategy.For(strategy), null, logs.CreateLogger<DnsController>());
        await controller.StartAsync(CancellationToken.None);
        var harness = new ServerHarness(directory, bridge, controller, logs);
        if (!await bridge.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(20)))
        {
            var log = string.Join('\n', logs.Lines.Select(l => l.Message));
            await harness.DisposeAsync();
            throw new InvalidOperationException($"{options.Name} did not answer:\n{log}");
        }

        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Controller.StopAsync(CancellationToken.None);
            await Bridge.DisposeAsync();
            Controller.Dispose();
        }
        finally
        {
            Directory.Dispose();
        }
    }
}
