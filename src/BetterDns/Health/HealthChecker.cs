using BetterDns.Common;
using System.Net;
using System.Threading.Channels;
using BetterDns.Registry;
using BetterDns.Zone.Model;
using Microsoft.Extensions.Options;

namespace BetterDns.Health;

/// <summary>
/// Checks every registration that has a check. Each one gets an async loop (a timer, not a thread)
/// that starts at a random point of its interval (jitter) and probes on a fixed cadence; probes run
/// through <c>Health:MaxConcurrency</c> slots, each under its own timeout, so a hanging target costs
/// one timeout. Verdicts go through the registry writer as <see cref="HealthChange"/>s (the one road):
/// <c>failuresBeforeCritical</c> failures in a row make a passing registration critical,
/// <c>successesBeforePassing</c> passes bring it back, and <c>deregisterAfter</c> in critical removes it.
/// Loops follow the registry: started, restarted or stopped when registrations or their checks change.
/// </summary>
public sealed class HealthChecker(
    IRegistry registry, CheckProbes probes, HealthBoard board, HealthEvents events, IOptions<HealthOptions> options,
    TimeProvider time, ILogger<HealthChecker> logger, Observability.BetterDnsMetrics? metrics = null) : BackgroundService
{
    private static readonly Actor Checker = Actor.Admin("health-checker");

    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrency));
    private static readonly TimeSpan FollowPace = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<(DomainName, IPAddress), Loop> _loops = [];
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Registrations currently being checked.</summary>
    public int Checking => _loops.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        registry.SnapshotPublished += OnPublished;
        try
        {
            long seen = -1;
            while (true)
            {
                var snapshot = registry.Current;
                if (snapshot.Version != seen)
                {
                    seen = snapshot.Version;
                    Follow(snapshot, stoppingToken);
                }

                await _wake.Reader.ReadAsync(stoppingToken);

                // Following is a scan of every registration: under a stream of registrations (a snapshot per
                // batch, hundreds a second) pace it, so a new check starts at most this much later. Real
                // time on purpose: it throttles work, it is not one of the checks' timers.
                await Task.Delay(FollowPace, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            registry.SnapshotPublished -= OnPublished;
            foreach (var loop in _loops.Values)
            {
                Cancel(loop);
            }

            await Task.WhenAll(_loops.Values.Select(l => l.Task));
            _loops.Clear();
        }
    }

    private void OnPublished(RegistrySnapshot snapshot) => _wake.Writer.TryWrite(true);

    /// <summary>Starts loops for new or changed checks and stops those whose registration or check is gone.</summary>
    private void Follow(RegistrySnapshot snapshot, CancellationToken stoppingToken)
    {
        var wanted = new HashSet<(DomainName, IPAddress)>();
        foreach (var registration in snapshot.All)
        {
            if (registration.Check.Kind == CheckKind.None)
            {
                continue;
            }

            var key = (registration.Fqdn, registration.Address);
            wanted.Add(key);
            if (_loops.TryGetValue(key, out var running))
            {
                if (running.Check == registration.Check && !running.Task.IsCompleted)
                {
                    continue;
                }

                Cancel(running);
            }

            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var task = CheckLoopAsync(registration, stop.Token);
            // Disposed when its loop ends, so stopped loops leave no registration on the stopping token.
            _ = task.ContinueWith(_ => stop.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            _loops[key] = new Loop(registration.Check, stop, task);
        }

        foreach (var (key, loop) in _loops.Where(l => !wanted.Contains(l.Key)).ToList())
        {
            Cancel(loop);
            _loops.Remove(key);
            board.Forget(key.Item1, key.Item2);
        }
    }

    private async Task CheckLoopAsync(Registration registration, CancellationToken stop)
    {
        // Leave the caller (the follow loop) at once.
        await Task.Yield();
        var check = registration.Check;
        var watchingSince = time.GetUtcNow();
        var failures = 0;
        var successes = 0;
        try
        {
            // Jitter: checks registered together spread over their interval instead of firing together.
            var next = time.GetUtcNow() + check.Interval * Random.Shared.NextDouble();
            while (true)
            {
                var wait = next - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stop);
                }

                next += check.Interval;
                var result = await ProbeAsync(registration, watchingSince, stop);
                var now = time.GetUtcNow();
                (failures, successes) = result.Passed ? (0, successes + 1) : (failures + 1, 0);
                board.Record(registration.Fqdn, registration.Address, new CheckObservation(now, result.Passed, result.Error, failures, successes));

                var current = registry.Current.Find(registration.Fqdn).FirstOrDefault(r => r.Address.Equals(registration.Address));
                if (current is null || current.Check != check || !await DecideAsync(current, result, failures, successes, now, stop))
                {
                    return;
                }

                if (next < now)
                {
                    // A probe that took longer than the interval: carry on from now rather than firing a burst.
                    next = now;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "The health check loop of {Fqdn} {Ip} failed", registration.Fqdn, registration.Address);
        }
    }

    private async Task<ProbeResult> ProbeAsync(Registration registration, DateTimeOffset watchingSince, CancellationToken stop)
    {
        await _slots.WaitAsync(stop);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        bool? passed = null;
        try
        {
            using var timeout = new CancellationTokenSource(registration.Check.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
            try
            {
                var result = await probes.RunAsync(registration, watchingSince, linked.Token);
                passed = result.Passed;
                return result;
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                passed = false;
                return ProbeResult.Fail($"no answer within {DurationText.Format(registration.Check.Timeout)}");
            }
        }
        finally
        {
            if (passed is { } p)
            {
                metrics?.CheckCompleted(registration.Check.Kind, started, p);
            }

            _slots.Release();
        }
    }

    /// <summary>Applies the thresholds; false when the registration was deregistered (the loop ends).</summary>
    private async Task<bool> DecideAsync(Registration current, ProbeResult result, int failures, int successes, DateTimeOffset now, CancellationToken stop)
    {
        var check = current.Check;
        var health = current.Health;
        if (!result.Passed && health.Status == HealthVerdict.Passing && failures >= check.FailuresBeforeCritical)
        {
            await SetAsync(current, HealthVerdict.Critical, result.Error, stop);
        }
        else if (result.Passed && health.Status == HealthVerdict.Critical && successes >= check.SuccessesBeforePassing)
        {
            await SetAsync(current, HealthVerdict.Passing, null, stop);
        }
        else if (!result.Passed && health is { Status: HealthVerdict.Critical, Maintenance: false }
            && check.DeregisterAfter is { } after && now - health.Since >= after)
        {
            var outcome = await registry.SubmitAsync(new DeregisterChange(Checker, current.Name, current.Address, health.Since), stop);
            if (outcome.Status == ChangeStatus.Updated)
            {
                events.Changed(current, health.Name, "deregistered", $"critical for {DurationText.Format(now - health.Since)}: {result.Error}");
                return false;
            }
        }

        return true;
    }

    private async Task SetAsync(Registration current, HealthVerdict status, string? reason, CancellationToken stop)
    {
        var outcome = await registry.SubmitAsync(new HealthChange(Checker, current.Name, current.Address, current.Check, status, reason), stop);
        var after = outcome.Registrations.FirstOrDefault(r => r.Address.Equals(current.Address));
        if (outcome.Status != ChangeStatus.Updated || after is null)
        {
            return;
        }

        var from = current.Health.Name;
        var to = after.Health.Name;
        if (from == to)
        {
            // In maintenance the visible state stays; the verdict underneath still changed.
            (from, to) = (current.Health.Status.ToString().ToLowerInvariant(), status.ToString().ToLowerInvariant());
        }

        events.Changed(after, from, to, reason ?? $"{current.Check.Kind.ToString().ToLowerInvariant()} check passing again");
    }

    private static void Cancel(Loop loop)
    {
        try
        {
            loop.Stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The loop had already ended (deregistered) and disposed its source.
        }
    }

    private sealed record Loop(HealthCheck Check, CancellationTokenSource Stop, Task Task);
}
