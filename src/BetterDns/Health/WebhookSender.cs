using BetterDns.Common;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace BetterDns.Health;

/// <summary>
/// POSTs each <see cref="HealthEvent"/> as JSON to every <c>Health:Webhooks</c> URL, each attempt with
/// <c>Health:WebhookTimeout</c>, retrying with exponential back-off up to <c>Health:WebhookAttempts</c>.
/// It runs apart from the checker, one loop per URL: a slow or dead webhook delays only its own later notifications.
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One queue and loop per URL: a slow webhook delays only its own notifications.
        var queues = options.Value.Webhooks.Select(url => (Url: url, Queue: Channel.CreateBounded<HealthEvent>(
            new BoundedChannelOptions(Math.Max(1, options.Value.WebhookQueueLength)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true })))
            .ToList();
        var senders = queues.Select(q => DeliverAsync(q.Url, q.Queue.Reader, stoppingToken)).ToList();
        try
        {
            await foreach (var change in events.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var (_, queue) in queues)
                {
                    queue.Writer.TryWrite(change);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(senders);
    }

    private async Task DeliverAsync(string url, ChannelReader<HealthEvent> queue, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in queue.ReadAllAsync(stoppingToken))
            {
                await SendAsync(url, change, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(string url, HealthEvent change, CancellationToken stoppingToken)
    {
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
                logger.LogError("Webhook {Url} did not take the change of {Fqdn} {Ip} to {To} after {Attempts} attempts: {Failure}",
                    url, change.Fqdn, change.Ip, change.To, attempt, failure);
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
