using BetterDns.Health;
using Microsoft.Extensions.Time.Testing;

namespace BetterDns.HealthTests.Checks;

/// <summary>
/// The queue in front of one webhook: a registration's changes fold into one notification that still tells the
/// truth, owners take turns, each owner keeps within its budget, and a full queue drops from the longest line.
/// </summary>
public sealed class WebhookQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-02T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task AChangeAndItsReversalFoldIntoOneNotificationThatSaysSo()
    {
        var queue = new WebhookQueue("http://hook", 1024, 60, _time);

        Assert.False(queue.Offer("vm-a", Change("web-1", "passing", "maintenance", "kernel upgrade")).Coalesced);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(queue.Offer("vm-a", Change("web-1", "maintenance", "passing", "maintenance disabled")).Coalesced);

        var sent = (await queue.TakeAsync(CancellationToken.None).WaitAsync(Patience)).Event;
        Assert.Equal(("passing", "passing", 2, "maintenance disabled"), (sent.From, sent.To, sent.Changes, sent.Reason));
        Assert.Equal(_time.GetUtcNow(), sent.Time);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task OwnersTakeTurnsWhateverTheOrderTheirChangesCameIn()
    {
        var queue = new WebhookQueue("http://hook", 1024, 60, _time);
        for (var i = 0; i < 5; i++)
        {
            queue.Offer("vm-noisy", Change($"noisy-{i}", "passing", "maintenance"));
        }

        queue.Offer("vm-quiet", Change("quiet-1", "passing", "critical"));
        queue.Offer("vm-other", Change("other-1", "passing", "critical"));

        var order = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            order.Add((await queue.TakeAsync(CancellationToken.None).WaitAsync(Patience)).Event.Name);
        }

        Assert.Equal(["noisy-0", "quiet-1", "other-1", "noisy-1", "noisy-2", "noisy-3", "noisy-4"], order);
    }

    [Fact]
    public async Task AnOwnerOutOfBudgetWaitsWhileOthersGoAhead()
    {
        var queue = new WebhookQueue("http://hook", 1024, 2, _time);
        for (var i = 0; i < 3; i++)
        {
            queue.Offer("vm-noisy", Change($"noisy-{i}", "passing", "maintenance"));
        }

        Assert.Equal("noisy-0", (await queue.TakeAsync(CancellationToken.None).WaitAsync(Patience)).Event.Name);
        Assert.Equal("noisy-1", (await queue.TakeAsync(CancellationToken.None).WaitAsync(Patience)).Event.Name);

        // Out of budget: the third waits (only the clock or an offer can wake the taker), and keeps folding changes in.
        var third = queue.TakeAsync(CancellationToken.None);
        queue.Offer("vm-noisy", Change("noisy-2", "maintenance", "passing"));
        queue.Offer("vm-quiet", Change("quiet-1", "passing", "critical"));
        Assert.Equal("quiet-1", (await third.WaitAsync(Patience)).Event.Name);

        var refilled = queue.TakeAsync(CancellationToken.None);
        Assert.False(refilled.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(30));
        var folded = (await refilled.WaitAsync(Patience)).Event;
        Assert.Equal(("noisy-2", "passing", "passing", 2), (folded.Name, folded.From, folded.To, folded.Changes));
    }

    [Fact]
    public void AFullQueueDropsTheOldestOfTheOwnerWithTheMostWaiting()
    {
        var queue = new WebhookQueue("http://hook", 3, 60, _time);
        queue.Offer("vm-quiet", Change("quiet-1", "passing", "critical"));
        queue.Offer("vm-noisy", Change("noisy-1", "passing", "maintenance"));
        queue.Offer("vm-noisy", Change("noisy-2", "passing", "maintenance"));

        var offered = queue.Offer("vm-noisy", Change("noisy-3", "passing", "maintenance"));

        Assert.False(offered.Coalesced);
        Assert.Equal(("vm-noisy", "noisy-1"), (offered.Dropped?.Owner, offered.Dropped?.Event.Name));
        Assert.Equal(3, queue.Count);
    }

    private HealthEvent Change(string name, string from, string to, string reason = "test") =>
        new(name, name + ".cluster.internal.", "127.0.0.1", from, to, reason, _time.GetUtcNow());
}
