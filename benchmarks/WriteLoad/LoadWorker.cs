using System.Diagnostics;
using System.Net;

namespace WriteLoad;

/// <summary>
/// One client: until the deadline, picks create / update / delete by the mix and sends it, one at a time.
/// Updates and deletes pick one of the names this worker created and has not deleted (a new name when it has none),
/// so every write is valid and each server does the same kind of work. A write acknowledged after the
/// deadline is applied (the worker's list follows it) but not counted: a run measures a fixed window. The worker given the
/// <paramref name="sampler"/> registers a new name whenever a sample is due and lets it measure visibility.
/// </summary>
public sealed class LoadWorker(IWriteTarget target, Mix mix, string namePrefix, int seed, VisibilitySampler? sampler = null, TimeSpan? pace = null)
{
    private readonly Random _random = new(seed);
    private readonly List<string> _live = [];
    private int _next;
    private long _deadline = long.MaxValue;

    public Tally Tally { get; } = new();

    public async Task RunAsync(long deadlineTimestamp)
    {
        _deadline = deadlineTimestamp;
        // Paced: one write per `pace` on a fixed schedule (a late write is not made up for by a burst).
        var next = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < deadlineTimestamp)
        {
            // A due visibility sample is taken at once, outside the pace (a paced worker writes too rarely to
            // sample often): it adds at most the sample count to the run's writes.
            if (pace is { } interval && sampler is not { Due: true })
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                next = Math.Max(next, Stopwatch.GetTimestamp() - (long)(interval.TotalSeconds * Stopwatch.Frequency))
                    + (long)(interval.TotalSeconds * Stopwatch.Frequency);
            }

            await RunOnceAsync();
        }
    }

    /// <summary>One write, chosen by the mix.</summary>
    public async Task RunOnceAsync()
    {
        var roll = _random.Next(100);
        if (roll < mix.Create || _live.Count == 0 || sampler is { Due: true })
        {
            var name = $"{namePrefix}-{_next++}";
            var address = RandomAddress(_random);
            if (await TimedAsync(() => target.CreateAsync(name, address, CancellationToken.None), WriteKind.Create))
            {
                var acknowledged = Stopwatch.GetTimestamp();
                _live.Add(name);
                if (sampler is { Due: true })
                {
                    await sampler.MeasureAsync(name, address, acknowledged);
                }
            }
        }
        else if (roll < mix.Create + mix.Update)
        {
            var name = _live[_random.Next(_live.Count)];
            await TimedAsync(() => target.UpdateAsync(name, RandomAddress(_random), CancellationToken.None), WriteKind.Update);
        }
        else
        {
            var index = _random.Next(_live.Count);
            if (await TimedAsync(() => target.DeleteAsync(_live[index], CancellationToken.None), WriteKind.Delete))
            {
                _live[index] = _live[^1];
                _live.RemoveAt(_live.Count - 1);
            }
        }
    }

    public static IPAddress RandomAddress(Random random) =>
        new([10, (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(1, 255)]);

    private async Task<bool> TimedAsync(Func<Task<WriteResult>> write, WriteKind kind)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await write();
        var late = Stopwatch.GetTimestamp() > _deadline;
        if (result.Acknowledged)
        {
            if (late)
            {
                Tally.Late++;
            }
            else
            {
                Tally.Count(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return true;
        }

        if (!late)
        {
            Tally.Fail(result.Error!);
        }

        return false;
    }
}
