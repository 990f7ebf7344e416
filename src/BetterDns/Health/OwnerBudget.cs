namespace BetterDns.Health;

/// <summary>
/// A token bucket of <c>perMinute</c> notifications, refilled evenly over a minute: an owner may send that many at
/// once after a quiet minute, and that many a minute for ever. Used under the <see cref="WebhookQueue"/>'s lock.
/// </summary>
internal sealed class OwnerBudget(int perMinute, DateTimeOffset now)
{
    private readonly double _size = Math.Max(1, perMinute);
    private double _tokens = Math.Max(1, perMinute);
    private DateTimeOffset _at = now;

    /// <summary>Zero when a notification may go now, otherwise how long until one may.</summary>
    public TimeSpan TimeToNext(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling((1 - _tokens) / _size * 60_000)));
    }

    public void Spend() => _tokens -= 1;

    public bool IsFull(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= _size;
    }

    private void Refill(DateTimeOffset now)
    {
        // A clock that stepped back refills nothing.
        var elapsed = now > _at ? now - _at : TimeSpan.Zero;
        _tokens = Math.Min(_size, _tokens + elapsed.TotalMinutes * _size);
        _at = now > _at ? now : _at;
    }
}
