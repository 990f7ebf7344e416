namespace BetterDns.Health;

/// <summary>
/// What waits for one webhook URL, kept fair between owners (issue 12: one tenant toggling maintenance a thousand
/// times filled a FIFO and another tenant's alert was dropped):
/// <list type="bullet">
/// <item>each registration has at most one notification waiting; later changes are folded into it (<see cref="PendingNotification"/>);</item>
/// <item>owners take turns: the sender takes the next owner's oldest notification, round-robin, not the oldest overall;</item>
/// <item>each owner has a budget of <c>Health:WebhookMaxPerOwnerPerMinute</c> notifications (a token bucket that size,
/// refilled evenly over the minute): an owner out of budget waits, and its registrations' changes keep folding in meanwhile;</item>
/// <item>past <c>Health:WebhookQueueLength</c> waiting notifications the oldest of the owner with the most waiting is dropped.</item>
/// </list>
/// Offering never waits, so checks and requests are never slowed by a webhook.
/// </summary>
public sealed class WebhookQueue(string url, int capacity, int maxPerOwnerPerMinute, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Fqdn, string Ip), PendingNotification> _waiting = [];
    private readonly Dictionary<string, OwnerLine> _owners = new(StringComparer.Ordinal);

    // The owners with something waiting, in the order their turns come.
    private readonly LinkedList<OwnerLine> _turns = new();
    private TaskCompletionSource _offered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sweepAt = 64;

    public string Url { get; } = url;

    /// <summary>What became of an offered change: folded into a waiting notification, and/or another one dropped to make room.</summary>
    public readonly record struct Offered(bool Coalesced, PendingNotification? Dropped);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    public Offered Offer(string owner, HealthEvent change)
    {
        TaskCompletionSource offered;
        PendingNotification? dropped = null;
        lock (_lock)
        {
            if (_waiting.TryGetValue((change.Fqdn, change.Ip), out var waiting))
            {
                waiting.Absorb(change);
                return new Offered(Coalesced: true, Dropped: null);
            }

            if (_waiting.Count >= Math.Max(1, capacity))
            {
                dropped = DropFromLongestLine();
            }

            var line = Line(owner);
            var pending = new PendingNotification(owner, change);
            line.Waiting.AddLast(pending);
            _waiting[pending.Key] = pending;
            if (line.Turn.List is null)
            {
                _turns.AddLast(line.Turn);
            }

            (offered, _offered) = (_offered, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        offered.TrySetResult();
        return new Offered(Coalesced: false, Dropped: dropped);
    }

    /// <summary>The next notification to send: the next owner in turn that has budget left; waits for one otherwise.</summary>
    public async Task<PendingNotification> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task offered;
            TimeSpan? budgetIn;
            lock (_lock)
            {
                if (TryTake(out var next, out budgetIn))
                {
                    return next;
                }

                offered = _offered.Task;
            }

            // Until something is offered or an owner with something waiting has budget again.
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(offered, Task.Delay(budgetIn ?? Timeout.InfiniteTimeSpan, time, stopWaiting.Token));
            await stopWaiting.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private bool TryTake(out PendingNotification next, out TimeSpan? budgetIn)
    {
        var now = time.GetUtcNow();
        budgetIn = null;
        for (var turn = _turns.First; turn is not null; turn = turn.Next)
        {
            var line = turn.Value;
            var wait = line.Budget.TimeToNext(now);
            if (wait > TimeSpan.Zero)
            {
                budgetIn = budgetIn is { } soonest && soonest < wait ? soonest : wait;
                continue;
            }

            line.Budget.Spend();
            next = line.Waiting.First!.Value;
            line.Waiting.RemoveFirst();
            _waiting.Remove(next.Key);
            _turns.Remove(turn);
            if (line.Waiting.Count > 0)
            {
                _turns.AddLast(turn);
            }

            return true;
        }

        next = null!;
        return false;
    }

    private PendingNotification DropFromLongestLine()
    {
        var longest = _turns.First!.Value;
        foreach (var line in _turns)
        {
            if (line.Waiting.Count > longest.Waiting.Count)
            {
                longest = line;
            }
        }

        var dropped = longest.Waiting.First!.Value;
        longest.Waiting.RemoveFirst();
        _waiting.Remove(dropped.Key);
        if (longest.Waiting.Count == 0)
        {
            _turns.Remove(longest.Turn);
        }

        return dropped;
    }

    private OwnerLine Line(string owner)
    {
        if (_owners.TryGetValue(owner, out var line))
        {
            return line;
        }

        // An owner's budget outlives its empty line (or emptying the line would refill it); lines idle long
        // enough to be full again are forgotten now and then, so departed owners cost nothing for ever.
        if (_owners.Count >= _sweepAt)
        {
            var now = time.GetUtcNow();
            foreach (var (name, _) in _owners.Where(o => o.Value.Waiting.Count == 0 && o.Value.Budget.IsFull(now)).ToList())
            {
                _owners.Remove(name);
            }

            _sweepAt = Math.Max(64, _owners.Count * 2);
        }

        line = new OwnerLine(new OwnerBudget(maxPerOwnerPerMinute, time.GetUtcNow()));
        _owners[owner] = line;
        return line;
    }

    private sealed class OwnerLine
    {
        public OwnerLine(OwnerBudget budget)
        {
            Budget = budget;
            Turn = new LinkedListNode<OwnerLine>(this);
        }

        public OwnerBudget Budget { get; }

        public LinkedList<PendingNotification> Waiting { get; } = new();

        /// <summary>This owner's place in the turns (in the list only while something waits).</summary>
        public LinkedListNode<OwnerLine> Turn { get; }
    }
}
