namespace BetterDns.Health;

/// <summary>
/// When each watched registration is next due, earliest first: one queue that the checker's single
/// timer drains, instead of a pending delay per registration (10,000 checks were 10,000 timers).
/// Not thread-safe: the checker guards it with its lock.
/// </summary>
public sealed class CheckSchedule<T>
{
    private readonly PriorityQueue<T, DateTimeOffset> _due = new();

    public int Count => _due.Count;

    public void Add(T item, DateTimeOffset due) => _due.Enqueue(item, due);

    /// <summary>Moves every item due at or before <paramref name="now"/> into <paramref name="into"/>, earliest first.</summary>
    public void TakeDue(DateTimeOffset now, List<T> into)
    {
        while (_due.TryPeek(out var item, out var due) && due <= now)
        {
            _due.Dequeue();
            into.Add(item);
        }
    }

    public void Clear() => _due.Clear();
}
