namespace BetterDns.Health;

/// <summary>Why a webhook notification was not sent as such: the <c>reason</c> label of <c>betterdns_webhook_notifications_dropped_total</c>.</summary>
public static class WebhookDropReason
{
    /// <summary>Folded into the registration's notification already waiting (it goes out with <c>changes</c> &gt; 1).</summary>
    public const string Coalesced = "coalesced";

    /// <summary>The URL's queue was full: the oldest notification of the owner with the most waiting made room.</summary>
    public const string QueueFull = "queue_full";
}
