using BetterDns.Dns;
using BetterDns.Dns.Bridges;
using BetterDns.Dns.Bridges.Process;
using BetterDns.Dns.Controller;
using BetterDns.Dns.Strategies;
using Microsoft.Extensions.Logging;

namespace BetterDns.ControllerTests.Infrastructure;

/// <summary>
/// A real server behind a supervised bridge (the process bridge, or the CoreDNS bridge over a stand-in)
/// and a controller with a chosen strategy, in its own temp directory; disposing stops the server,
/// asserts nothing of it is left running, and deletes the directory.
/// </summary>
public sealed class ServerHarness<TBridge> : IAsyncDisposable
    where TBridge : SupervisedServerBridge
{
    private ServerHarness(TempDirectory directory, TBridge bridge, DnsController controller, CapturingLoggerFactory logs)
    {
        Directory = directory;
        Bridge = bridge;
        Controller = controller;
        Logs = logs;
        Resolver = new Resolver(bridge.ProbeEndpoint);
    }

    public TempDirectory Directory { get; }

    public TBridge Bridge { get; }

    public DnsController Controller { get; }

    public CapturingLoggerFactory Logs { get; }

    public Resolver Resolver { get; }

    public string ZoneFile => RealServers.ZoneFile(Directory);

    /// <summary>Starts <paramref name="bridge"/> through a controller and (unless told not to) waits until it answers.</summary>
    public static Task<ServerHarness<TBridge>> StartAsync(
        TempDirectory directory, TBridge bridge, CapturingLoggerFactory logs, ApplyStrategyKind strategy, bool waitUntilAnswering = true) =>
        StartAsync(directory, bridge, logs, IApplyStrategy.For(strategy), waitUntilAnswering);

    /// <summary>Starts <paramref name="bridge"/> through a controller applying with <paramref name="strategy"/>.</summary>
    public static async Task<ServerHarness<TBridge>> StartAsync(
        TempDirectory directory, TBridge bridge, CapturingLoggerFactory logs, IApplyStrategy strategy, bool waitUntilAnswering = true)
    {
        var controller = new DnsController(bridge, strategy, null, logs.CreateLogger<DnsController>());
        await controller.StartAsync(CancellationToken.None);
        var harness = new ServerHarness<TBridge>(directory, bridge, controller, logs);
        if (waitUntilAnswering && !await bridge.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(20)))
        {
            var log = string.Join('\n', logs.Lines.Select(l => l.Message));
            await harness.DisposeAsync();
            throw new InvalidOperationException($"{bridge.Name} did not answer:\n{log}");
        }

        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var processId = Bridge.Status.ProcessId;
            await Controller.StopAsync(CancellationToken.None);
            await Bridge.DisposeAsync();
            Controller.Dispose();
            Assert.False(processId is { } id && System.IO.Directory.Exists($"/proc/{id}"), $"{Bridge.Name} is still running");
        }
        finally
        {
            Directory.Dispose();
        }
    }
}

/// <summary>Harnesses for a real server behind the process bridge, and the supervision settings tests use.</summary>
public static class ServerHarness
{
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
    public static Task<ServerHarness<ProcessBridge>> StartAsync(
        Func<TempDirectory, ProcessServerOptions> server,
        ApplyStrategyKind strategy,
        SupervisionOptions? supervision = null,
        params (string Name, string Address)[] records)
    {
        var directory = new TempDirectory();
        var logs = new CapturingLoggerFactory();
        TestZone.WriteAtomically(RealServers.ZoneFile(directory), TestZone.Build(1, records));
        var bridge = new ProcessBridge(server(directory), RealServers.Controlled(directory), supervision ?? FastSupervision(), logs, TimeProvider.System);
        return ServerHarness<ProcessBridge>.StartAsync(directory, bridge, logs, strategy);
    }
}
