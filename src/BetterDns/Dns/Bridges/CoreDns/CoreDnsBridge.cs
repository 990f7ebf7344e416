using BetterDns.Dns.Supervision;

namespace BetterDns.Dns.Bridges.CoreDns;

/// <summary>
/// <c>Dns:Server=coredns</c>: writes the Corefile, runs <c>coredns -conf &lt;Corefile&gt;</c> under the
/// supervisor and reloads it with SIGUSR1. A fresh CoreDNS counts as answering once it answers the
/// zone's SOA and (if the <c>ready</c> plugin is configured) <c>/ready</c> says 200. Once it runs, answering
/// the SOA is all that counts, for liveness and readiness alike: CoreDNS rebuilds every plugin on
/// SIGUSR1 and its <c>/ready</c> says 503 (or refuses connections) for about a second while the old
/// server keeps answering on the same sockets, so a 503 then is the reload we asked for, not an outage.
/// </summary>
public sealed partial class CoreDnsBridge(
    CoreDnsOptions coreDns,
    ControlledZone zone,
    SupervisionOptions supervision,
    ILoggerFactory loggers,
    TimeProvider time,
    ApplyStrategyKind strategy = ApplyStrategyKind.Serial,
    HttpClient? http = null)
    : SupervisedServerBridge(CommandFor(coreDns, zone), Corefile.ListenEndpoint(coreDns), zone, supervision, loggers, time)
{
    private readonly HttpClient _http = http ?? new HttpClient { Timeout = Max(supervision.ProbeTimeout, TimeSpan.FromSeconds(1)) };
    private readonly ILogger _logger = loggers.CreateLogger<CoreDnsBridge>();

    /// <summary>Where the Corefile is written: <c>Dns:CoreDns:Corefile</c>, else beside the zone file.</summary>
    public static string CorefilePath(CoreDnsOptions options, ControlledZone zone) =>
        Path.GetFullPath(options.Corefile ?? Path.Combine(Path.GetDirectoryName(zone.FilePath) ?? ".", "Corefile"));

    /// <summary>The command line: <c>coredns -conf &lt;Corefile&gt;</c>.</summary>
    public static SupervisedCommand CommandFor(CoreDnsOptions options, ControlledZone zone) =>
        new("coredns", options.Binary, ["-conf", CorefilePath(options, zone)]);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = CorefilePath(coreDns, Zone);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, Corefile.Render(Zone, coreDns, strategy), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        LogCorefileWritten(path);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>SIGUSR1: CoreDNS re-reads its Corefile and every zone file without dropping its sockets.</summary>
    public override Task ReloadAsync(CancellationToken cancellationToken) =>
        Supervisor.Signal(UnixSignal.User1)
            ? Task.CompletedTask
            : throw new DnsApplyException("coredns is not running; SIGUSR1 not sent");

    public override async Task<DnsServerHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var dns = await base.CheckHealthAsync(cancellationToken);
        if (!dns.Answering || Corefile.ReadyUrl(coreDns) is not { } ready || Status.State == DnsServerState.Running)
        {
            return dns;
        }

        try
        {
            using var response = await _http.GetAsync(ready, cancellationToken);
            return response.IsSuccessStatusCode
                ? dns
                : DnsServerHealth.Unhealthy($"coredns answers DNS but {ready} says {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return DnsServerHealth.Unhealthy($"coredns answers DNS but {ready} does not answer: {e.Message}");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote the Corefile {Path}")]
    private partial void LogCorefileWritten(string path);
}
