using System.Globalization;
using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;
using BetterDns.Dns.Bridges.CoreDns;
using BetterDns.Dns.Strategies;

namespace BetterDns.ControllerTests.CoreDns;

/// <summary>
/// The CoreDNS bridge over <c>coredns-standin.py</c>: a real executable that reads the generated Corefile and
/// behaves as CoreDNS does towards BetterDns (the <c>file</c> plugin's reload ticker with a real parse,
/// SIGUSR1 rebuilding the plugins with <c>/ready</c> at 503 meanwhile, the <c>cache</c> plugin with denials).
/// </summary>
public static class CoreDnsStandIn
{
    /// <summary>A supervision that notices a "hung" server within a second, so a wrong kill shows quickly.</summary>
    public static SupervisionOptions QuickLiveness()
    {
        var options = ServerHarness.FastSupervision();
        options.LivenessInterval = TimeSpan.FromMilliseconds(200);
        options.UnansweredProbesBeforeRestart = 3;
        return options;
    }

    public static async Task<ServerHarness<CoreDnsBridge>> StartAsync(
        ApplyStrategyKind strategy,
        (string, string)? record = null,
        int preloaded = 0,
        bool ready = false,
        double readyDelaySeconds = 0,
        SupervisionOptions? supervision = null,
        bool waitUntilAnswering = true)
    {
        var directory = new TempDirectory();
        var binary = directory.File("coredns");
        var standIn = Path.Combine(AppContext.BaseDirectory, "CoreDns", "coredns-standin.py");
        // A wrapper named coredns, as the real binary is; it sets the stand-in's start-up /ready delay.
        File.WriteAllText(binary, $"#!/bin/sh\nSTANDIN_READY_DELAY={readyDelaySeconds.ToString(CultureInfo.InvariantCulture)} exec python3 '{standIn}' \"$@\"\n");
        File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var zone = new ControlledZone(TestZone.Origin, RealServers.ZoneFile(directory));
        var records = Preloaded(preloaded);
        if (record is { } r)
        {
            records.Add(r);
        }

        TestZone.WriteAtomically(zone.FilePath, TestZone.Build(1, [.. records]));

        var logs = new CapturingLoggerFactory();
        var options = new CoreDnsOptions
        {
            Binary = binary,
            Listen = $"127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
            Health = null,
            Ready = ready ? $"127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}" : null,
            Metrics = null,
        };
        var bridge = new CoreDnsBridge(options, zone, supervision ?? ServerHarness.FastSupervision(), logs, TimeProvider.System, strategy);
        // The signal strategy as the service builds it: reloads paced by the default Dns:MinReloadInterval.
        var apply = IApplyStrategy.For(strategy, new DnsControllerOptions().MinReloadInterval, TimeProvider.System);
        return await ServerHarness<CoreDnsBridge>.StartAsync(directory, bridge, logs, apply, waitUntilAnswering);
    }

    /// <summary><paramref name="count"/> operator records pre-0 … pre-(count-1), so a change lands in a large zone.</summary>
    public static List<(string Name, string Address)> Preloaded(int count) =>
        [.. Enumerable.Range(0, count).Select(i => ($"pre-{i}", $"10.{i / 62_500}.{i / 250 % 250}.{(i % 250) + 1}"))];

    /// <summary>
    /// Registers reg-1 … reg-<paramref name="count"/> one after another, <paramref name="every"/> apart, the way
    /// the registry does it: the whole zone rewritten atomically with a higher serial, then an apply requested.
    /// </summary>
    public static async Task RegisterStreamAsync(ServerHarness<CoreDnsBridge> coredns, int preloaded, int count, TimeSpan every)
    {
        var records = Preloaded(preloaded);
        for (var i = 1; i <= count; i++)
        {
            records.Add(($"reg-{i}", $"10.200.0.{i}"));
            TestZone.WriteAtomically(coredns.ZoneFile, TestZone.Build((uint)(1 + i), [.. records]));
            coredns.Controller.RequestApply();
            await Task.Delay(every);
        }
    }

    /// <summary>How often the stand-in has parsed the whole zone (at start-up, on a grown serial, on SIGUSR1).</summary>
    public static int FullParses(ServerHarness<CoreDnsBridge> coredns) =>
        coredns.Logs.Lines.Count(l => l.Message.StartsWith("coredns (stdout): [INFO] plugin/file: parsed ", StringComparison.Ordinal));
}
