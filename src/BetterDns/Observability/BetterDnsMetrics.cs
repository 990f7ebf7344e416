using System.Diagnostics;
using System.Diagnostics.Metrics;
using BetterDns.Registry;

namespace BetterDns.Observability;

/// <summary>
/// The meter <c>BetterDns</c> and its instruments. Domain code calls the methods below; it knows nothing of
/// exporters (OpenTelemetry's Prometheus exporter reads the meter, see <see cref="ObservabilityExtensions"/>).
/// Every method is a counter add or a histogram record with constant tag strings: no allocation on hot paths.
/// Names follow OpenTelemetry's conventions; the Prometheus names are in docs/observability.md.
/// </summary>
public sealed class BetterDnsMetrics : IDisposable
{
    public const string MeterName = "BetterDns";

    // Seconds: from a millisecond (a local probe, a small checkpoint) to the 10 s a slow check may take.
    private static readonly IReadOnlyList<double> SecondsBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly IReadOnlyList<long> BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private readonly Counter<long> _changes;
    private readonly Histogram<long> _journalBatch;
    private readonly Histogram<double> _zoneWrite;
    private readonly Histogram<double> _checkDuration;
    private readonly Counter<long> _checkFailures;
    private readonly Histogram<double> _timeToInSync;
    private readonly Counter<long> _webhookFailures;
    private readonly Counter<long> _dnsTcpRefused;
    private readonly Counter<long> _dnsTcpEvicted;
    private readonly Counter<long> _dnsRateLimited;
    private readonly Counter<long> _webhookDropped;

    /// <summary>Instruments on a meter from the host's <see cref="IMeterFactory"/> (one per service provider).</summary>
    public BetterDnsMetrics(IMeterFactory meters)
        : this(meters.Create(MeterName))
    {
    }

    private BetterDnsMetrics(Meter meter)
    {
        Meter = meter;
        _changes = meter.CreateCounter<long>(
            "betterdns.registry.changes", "{change}",
            "Changes the registry writer completed, by kind (register, replace, remove, health, deregister, maintenance) and outcome.");
        _journalBatch = meter.CreateHistogram(
            "betterdns.journal.batch.size", "{change}",
            "Changes per journal commit (one append and fsync per group commit); the count is the number of commits.",
            tags: null, advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = BatchBuckets });
        _zoneWrite = meter.CreateHistogram(
            "betterdns.zone.write.duration", "s",
            "Checkpoints: metadata and zone file rewritten atomically; the count is the number of zone file writes.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _checkDuration = meter.CreateHistogram(
            "betterdns.health.check.duration", "s",
            "Health probe latency by check kind and result (pass, fail).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _checkFailures = meter.CreateCounter<long>(
            "betterdns.health.check.failures", "{probe}", "Failed health probes by check kind (timeouts included).");
        _timeToInSync = meter.CreateHistogram(
            "betterdns.sync.duration", "s",
            "From a registration's acknowledgement to the DNS server seen answering it (PENDING to INSYNC).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _webhookFailures = meter.CreateCounter<long>(
            "betterdns.webhook.failures", "{attempt}",
            "Failed webhook deliveries: final=false for an attempt that is retried, final=true when the event is given up.");
        _dnsTcpRefused = meter.CreateCounter<long>(
            "betterdns.dns.tcp.refused", "{connection}",
            "Embedded DNS: TCP connections closed at once because their source already held Dns:Embedded:MaxTcpConnectionsPerSource.");
        _dnsTcpEvicted = meter.CreateCounter<long>(
            "betterdns.dns.tcp.evicted", "{connection}",
            "Embedded DNS: TCP connections closed to make room for a new one when every slot was taken (the one idle longest).");
        _dnsRateLimited = meter.CreateCounter<long>(
            "betterdns.dns.rate_limited", "{response}",
            "Embedded DNS: UDP responses held back by Dns:Embedded:ResponseRateLimit: action=dropped, or slipped (sent truncated so the client retries over TCP).");
        _webhookDropped = meter.CreateCounter<long>(
            "betterdns.webhook.notifications.dropped", "{notification}",
            "Webhook notifications not sent as such: reason=coalesced (folded into the registration's waiting notification), queue_full (dropped).");
    }

    /// <summary>Instruments nobody listens to (a registry opened outside a host: tests and tools).</summary>
    public static BetterDnsMetrics Unobserved { get; } = new(new Meter(MeterName + ".Unobserved"));

    public Meter Meter { get; }

    /// <summary>The writer finished a change (durably, or refused it).</summary>
    public void ChangeCompleted(RegistryChange change, ChangeStatus status) =>
        _changes.Add(1, new KeyValuePair<string, object?>("change", KindOf(change)), new KeyValuePair<string, object?>("outcome", NameOf(status)));

    /// <summary>One journal append and fsync carrying <paramref name="changes"/> submissions.</summary>
    public void JournalCommitted(int changes) => _journalBatch.Record(changes);

    /// <summary>A checkpoint wrote the zone file.</summary>
    public void ZoneWritten(TimeSpan elapsed) => _zoneWrite.Record(elapsed.TotalSeconds);

    /// <summary>A health probe ended; <paramref name="started"/> is a <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public void CheckCompleted(CheckKind kind, long started, bool passed)
    {
        var kindTag = new KeyValuePair<string, object?>("kind", NameOf(kind));
        _checkDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, kindTag, new KeyValuePair<string, object?>("result", passed ? "pass" : "fail"));
        if (!passed)
        {
            _checkFailures.Add(1, kindTag);
        }
    }

    /// <summary>A registration acknowledged <paramref name="elapsed"/> ago is now answered by the DNS server.</summary>
    public void InSync(TimeSpan elapsed) => _timeToInSync.Record(Math.Max(0, elapsed.TotalSeconds));

    /// <summary>A webhook attempt failed; <paramref name="final"/> when no retry follows.</summary>
    public void WebhookFailed(bool final) => _webhookFailures.Add(1, new KeyValuePair<string, object?>("final", final ? "true" : "false"));

    /// <summary>The embedded DNS server closed a TCP connection at once: its source held its quota.</summary>
    public void DnsTcpRefused() => _dnsTcpRefused.Add(1);

    /// <summary>The embedded DNS server closed the TCP connection idle longest to make room for a new one.</summary>
    public void DnsTcpEvicted() => _dnsTcpEvicted.Add(1);

    /// <summary>The response rate limit dropped a UDP response, or sent it truncated (<paramref name="slipped"/>).</summary>
    public void DnsRateLimited(bool slipped) => _dnsRateLimited.Add(1, new KeyValuePair<string, object?>("action", slipped ? "slipped" : "dropped"));
    /// <summary>A webhook notification was folded into another or dropped; <paramref name="reason"/> is a <c>WebhookDropReason</c>.</summary>
    public void WebhookNotificationDropped(string reason) => _webhookDropped.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => Meter.Dispose();

    internal static string KindOf(RegistryChange change) => change switch
    {
        RegisterChange => "register",
        ReplaceChange => "replace",
        RemoveChange => "remove",
        HealthChange => "health",
        DeregisterChange => "deregister",
        MaintenanceChange => "maintenance",
        _ => "other",
    };

    internal static string NameOf(ChangeStatus status) => status switch
    {
        ChangeStatus.Created => "created",
        ChangeStatus.Updated => "updated",
        ChangeStatus.NotFound => "not_found",
        ChangeStatus.Forbidden => "forbidden",
        ChangeStatus.Conflict => "conflict",
        ChangeStatus.LimitReached => "limit_reached",
        ChangeStatus.Unavailable => "unavailable",
        _ => "other",
    };

    internal static string NameOf(CheckKind kind) => kind switch
    {
        CheckKind.None => "none",
        CheckKind.Http => "http",
        CheckKind.Https => "https",
        CheckKind.Tcp => "tcp",
        CheckKind.Exec => "exec",
        CheckKind.Heartbeat => "heartbeat",
        _ => "other",
    };
}
