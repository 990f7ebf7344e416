namespace BetterDns.Health;

/// <summary>
/// One registration's notification waiting for one webhook. Changes of the same registration that arrive while
/// it waits are folded into it: <c>from</c> stays the state before the first of them, <c>to</c>, <c>reason</c> and
/// <c>time</c> become the latest, and <c>changes</c> counts them, so a change and its reversal are still reported
/// (<c>passing → passing</c>, <c>changes: 2</c>) rather than lost or sent a thousand times.
/// </summary>
public sealed class PendingNotification(string owner, HealthEvent first)
{
    /// <summary>The registration's owner (the JWT subject): whose turn and whose budget it takes.</summary>
    public string Owner { get; } = owner;

    public HealthEvent Event { get; private set; } = first;

    internal (string Fqdn, string Ip) Key => (Event.Fqdn, Event.Ip);

    /// <summary>Folds a later change of the same registration in (under the queue's lock).</summary>
    internal void Absorb(HealthEvent later) => Event = later with { From = Event.From, Changes = Event.Changes + later.Changes };
}
