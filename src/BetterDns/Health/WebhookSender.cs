using BetterDns.Common;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace BetterDns.Health;

/// <summary>
/// POSTs each notification as JSON to its <c>Health:Webhooks</c> URL, each attempt with
/// <c>Health:WebhookTimeout</c>, retrying with exponential back-off up to <c>Health:WebhookAttempts</c>.
/// It runs apart from the checker, one loop per URL: a slow or dead webhook delays only its own later notifications,
/// and within one URL the <see cref="WebhookQueue"/> decides what goes next (owners in turn, each within its budget).
/// </summary>
public sealed class WebhookSender(
    HealthEvents events, IOptions<HealthOptions> options, TimeProvider time, ILogger<WebhookSender> logger, Observability.BetterDnsMetrics? metrics = null)
    : BackgroundService
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        ConnectTimeout = options.Value.WebhookTimeout,
        AllowAutoRedirect = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(events.Queues.Select(queue => DeliverAsync(queue, stoppingToken)));

    private async Task DeliverAsync(WebhookQueue queue, CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var next = await queue.TakeAsync(stoppingToken);
                var change = next.Event;
                if (change.Changes > 1)
                {
                    // One line per notification, however many changes it stands for: a flapping tenant cannot flood the log through this either.
                    logger.LogInformation(
                        "Webhook {Url}: {Changes} changes of {Fqdn} {Ip} of owner {Owner} go out as one notification ({From} to {To}): {DropReason} while waiting their turn",
                        queue.Url, change.Changes, change.Fqdn, change.Ip, next.Owner, change.From, change.To, WebhookDropReason.Coalesced);
                }

                await SendAsync(queue.Url, next, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(string url, PendingNotification notification, CancellationToken stoppingToken)
    {
        var change = notification.Event;
        var o = options.Value;
        var delay = o.WebhookFirstRetry;
        for (var attempt = 1; attempt <= o.WebhookAttempts; attempt++)
        {
            string failure;
            try
            {
                using var timeout = new CancellationTokenSource(o.WebhookTimeout, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
                // A buffered body (with Content-Length, not chunked): the simplest receivers read it.
                using var content = JsonContent.Create(change, options: JsonSerializerOptions.Web);
                await content.LoadIntoBufferAsync(linked.Token);
                using var response = await _http.PostAsync(url, content, linked.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                failure = $"HTTP {(int)response.StatusCode}";
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                failure = $"no answer within {DurationText.Format(o.WebhookTimeout)}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }

            metrics?.WebhookFailed(final: attempt == o.WebhookAttempts);
            if (attempt == o.WebhookAttempts)
            {
                logger.LogError("Webhook {Url} did not take the change of {Fqdn} {Ip} (owner {Owner}) to {To} after {Attempts} attempts: {Failure}",
                    url, change.Fqdn, change.Ip, notification.Owner, change.To, attempt, failure);
                return;
            }

            logger.LogWarning("Webhook {Url} attempt {Attempt} failed ({Failure}); retrying in {Delay}", url, attempt, failure, delay);
            await Task.Delay(delay, time, stoppingToken);
            delay *= 2;
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
