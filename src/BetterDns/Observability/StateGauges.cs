using System.Diagnostics.Metrics;
using BetterDns.Dns.Bridges;
using BetterDns.Registry;

namespace BetterDns.Observability;

/// <summary>
/// Observable instruments read at scrape time: registrations by health and sync state (from the registry's
/// snapshot, counted once per snapshot version) and the DNS server's starts and crash restarts (from its
/// bridge). Created when the host starts, on the <see cref="BetterDnsMetrics"/> meter; nothing on a hot path.
/// </summary>
internal sealed class StateGauges(BetterDnsMetrics metrics, IServiceProvider services) : IHostedService
{
    private readonly Lock _gate = new();
    private long _countedVersion = -1;
    private Measurement<long>[] _records = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = metrics.Meter;
        if (services.GetService<IRegistry>() is { } registry)
        {
            meter.CreateObservableGauge(
                "betterdns.records", () => Records(registry.Current), "{record}",
                "Registrations by health state (passing, critical, maintenance) and sync state (pending, insync).");
        }

        if (services.GetService<IDnsServerBridge>() is { } bridge)
        {
            meter.CreateObservableCounter(
                "betterdns.dns.server.starts", () => Server(bridge, bridge.Status.Starts), "{start}",
                "Times the DNS server was started (first start, restarts by the strategy and after crashes).");
            meter.CreateObservableCounter(
                "betterdns.dns.server.crash_restarts", () => Server(bridge, bridge.Status.CrashRestarts), "{restart}",
                "Times the supervised DNS server died and was started again.");
            meter.CreateObservableGauge(
                "betterdns.dns.server.up", () => Server(bridge, bridge.Status.State == DnsServerState.Running ? 1 : 0), "{server}",
                "1 while the DNS server is running, 0 while it is stopped, starting or restarting.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static Measurement<long> Server(IDnsServerBridge bridge, long value) =>
        new(value, new KeyValuePair<string, object?>("server", bridge.Name));

    private Measurement<long>[] Records(RegistrySnapshot snapshot)
    {
        lock (_gate)
        {
            if (snapshot.Version == _countedVersion)
            {
                return _records;
            }

            string[] states = ["passing", "critical", "maintenance"];
            var counts = new long[states.Length, 2];
            foreach (var registration in snapshot.All)
            {
                var state = Array.IndexOf(states, registration.Health.Name);
                counts[state, registration.Sync == SyncStatus.InSync ? 1 : 0]++;
            }

            var measurements = new List<Measurement<long>>(states.Length * 2);
            for (var s = 0; s < states.Length; s++)
            {
                for (var sync = 0; sync < 2; sync++)
                {
                    measurements.Add(new Measurement<long>(counts[s, sync],
                        new KeyValuePair<string, object?>("state", states[s]),
                        new KeyValuePair<string, object?>("sync", sync == 1 ? "insync" : "pending")));
                }
            }

            _countedVersion = snapshot.Version;
            return _records = [.. measurements];
        }
    }
}
