using System.Threading.Channels;
using BetterDns.Registry;
using Microsoft.Extensions.Options;

namespace BetterDns.Health;

/// <summary>
/// Where every health state change goes: a structured log line, and a bounded queue the
/// <see cref="WebhookSender"/> drains. Writing never waits: when webhooks fall behind by
/// <c>Health:WebhookQueueLength</c> events the oldest are dropped, so checks are never slowed.
/// </summary>
public sealed class HealthEvents
{
    private readonly Channel<HealthEvent> _queue;
    private readonly bool _hasWebhooks;
    private readonly TimeProvider _time;
    private readonly ILogger<HealthEvents> _logger;

    public HealthEvents(IOptions<HealthOptions> options, TimeProvider time, ILogger<HealthEvents> logger)
    {
        _queue = Channel.CreateBounded<HealthEvent>(new BoundedChannelOptions(Math.Max(1, options.Value.WebhookQueueLength))
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _hasWebhooks = options.Value.Webhooks.Count > 0;
        _time = time;
        _logger = logger;
    }

    public ChannelReader<HealthEvent> Reader => _queue.Reader;

    public void Changed(Registration registration, string from, string to, string reason)
    {
        var change = new HealthEvent(
            registration.Name, registration.Fqdn.Value, registration.Address.ToString(), from, to, reason, _time.GetUtcNow());
        _logger.LogWarning("Health of {Fqdn} {Ip} changed from {From} to {To}: {Reason}", change.Fqdn, change.Ip, change.From, change.To, change.Reason);
        if (_hasWebhooks)
        {
            _queue.Writer.TryWrite(change);
        }
    }
}
