using BetterDns.Observability;
using BetterDns.Registry;
using Microsoft.Extensions.Options;

namespace BetterDns.Health;

/// <summary>
/// Where every health state change goes: a structured log line, and each webhook URL's <see cref="WebhookQueue"/>
/// (coalesced per registration, fair between owners, budgeted per owner) that the <see cref="WebhookSender"/> drains.
/// Writing never waits, so checks are never slowed. A change folded into a waiting notification, or a notification
/// dropped because a queue is full, is counted (<c>betterdns_webhook_notifications_dropped_total{reason}</c>);
/// drops are logged at once, folded changes when their notification goes out (one line, not one per change).
/// </summary>
public sealed class HealthEvents
{
    private readonly TimeProvider _time;
    private readonly ILogger<HealthEvents> _logger;
    private readonly BetterDnsMetrics? _metrics;
    private readonly int _capacity;

    public HealthEvents(IOptions<HealthOptions> options, TimeProvider time, ILogger<HealthEvents> logger, BetterDnsMetrics? metrics = null)
    {
        var o = options.Value;
        _capacity = o.WebhookQueueLength;
        Queues = [.. o.Webhooks.Select(url => new WebhookQueue(url, o.WebhookQueueLength, o.WebhookMaxPerOwnerPerMinute, time))];
        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>One queue per <c>Health:Webhooks</c> URL.</summary>
    public IReadOnlyList<WebhookQueue> Queues { get; }

    public void Changed(Registration registration, string from, string to, string reason)
    {
        var change = new HealthEvent(
            registration.Name, registration.Fqdn.Value, registration.Address.ToString(), from, to, reason, _time.GetUtcNow());
        _logger.LogWarning("Health of {Fqdn} {Ip} changed from {From} to {To}: {Reason}", change.Fqdn, change.Ip, change.From, change.To, change.Reason);
        foreach (var queue in Queues)
        {
            var offered = queue.Offer(registration.Owner, change);
            if (offered.Coalesced)
            {
                _metrics?.WebhookNotificationDropped(WebhookDropReason.Coalesced);
            }

            if (offered.Dropped is { } dropped)
            {
                _metrics?.WebhookNotificationDropped(WebhookDropReason.QueueFull);
                _logger.LogWarning(
                    "Webhook {Url} dropped the notification of {Fqdn} {Ip} ({From} to {To}, {Changes} changes) of owner {Owner}: {DropReason}, "
                    + "{Capacity} notifications waiting (Health:WebhookQueueLength) and this owner had the most",
                    queue.Url, dropped.Event.Fqdn, dropped.Event.Ip, dropped.Event.From, dropped.Event.To, dropped.Event.Changes, dropped.Owner,
                    WebhookDropReason.QueueFull, _capacity);
            }
        }
    }
}
