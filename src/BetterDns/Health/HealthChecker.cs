using System.Collections.Immutable;
using BetterDns.Common;
using System.Net;
using System.Threading.Channels;
using BetterDns.Registry;
using BetterDns.Zone.Model;
using Microsoft.Extensions.Options;

namespace BetterDns.Health;

/// <summary>
/// Checks every registration that has a check. One scheduler serves them all: a single timer ticking
/// every <c>Health:SchedulerTick</c> starts the checks that fell due (a registration's first check at a
/// random point of its interval — jitter — then on a fixed cadence), each in one of
/// <c>Health:MaxConcurrency</c> slots and under its own timeout, so a hanging target costs one timeout.
/// Checks due together start together, so thousands of records cost a few wake-ups a second rather than
/// one timer and wake-up per check. Verdicts go through the registry writer as <see cref="HealthChange"/>s
/// (the one road): <c>failuresBeforeCritical</c> failures in a row make a passing registration critical,
/// <c>successesBeforePassing</c> passes bring it back, and <c>deregisterAfter</c> in critical removes it.
/// The watched set follows the registry: watches start, restart or stop when registrations or their checks change.
/// </summary>
public sealed class HealthChecker(
    IRegistry registry, CheckProbes probes, HealthBoard board, HealthEvents events, IOptions<HealthOptions> options,
    TimeProvider time, ILogger<HealthChecker> logger, Observability.BetterDnsMetrics? metrics = null) : BackgroundService
{
    private static readonly Actor Checker = Actor.Admin("health-checker");
    private static readonly TimeSpan FollowPace = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrency));
    private readonly TimeSpan _tick = options.Value.SchedulerTick < options.Value.MinInterval ? options.Value.SchedulerTick : options.Value.MinInterval;

    // Guards the watches and the schedule: following, the scheduler and finished probes all touch them.
    private readonly Lock _lock = new();
    private readonly Dictionary<(DomainName, IPAddress), WatchedCheck> _watches = [];
    private readonly CheckSchedule<WatchedCheck> _schedule = new();

    // The snapshot the watches follow, and the watches that ended by themselves since (restarted if still wanted).
    private RegistrySnapshot? _followed;
    private readonly HashSet<(DomainName, IPAddress)> _ended = [];
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Registrations currently being checked.</summary>
    public int Checking
    {
        get
        {
            lock (_lock)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>What is watched now: each registration's name and address with the check it is watched with.</summary>
    internal Dictionary<(DomainName Fqdn, IPAddress Address), HealthCheck> Watched()
    {
        lock (_lock)
        {
            return _watches.Where(w => !w.Value.Ended).ToDictionary(w => w.Key, w => w.Value.Check);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        registry.SnapshotPublished += OnPublished;
        var scheduling = ScheduleAsync(stoppingToken);
        try
        {
            await FollowAsync(stoppingToken);
        }
        finally
        {
            registry.SnapshotPublished -= OnPublished;
            await scheduling;
            await StopProbesAsync();
        }
    }

    private void OnPublished(RegistrySnapshot snapshot) => _wake.Writer.TryWrite(true);

    private async Task FollowAsync(CancellationToken stoppingToken)
    {
        try
        {
            long seen = -1;
            while (true)
            {
                var snapshot = registry.Current;
                if (snapshot.Version != seen)
                {
                    seen = snapshot.Version;
                    Follow(snapshot);
                }

                await _wake.Reader.ReadAsync(stoppingToken);

                // Under a stream of registrations (a snapshot per batch, hundreds a second) follow many
                // snapshots' changes in one round, so a new check starts at most this much later. Real
                // time on purpose: it throttles work, it is not one of the checks' timers.
                await Task.Delay(FollowPace, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Watches new or changed checks (first check jittered over the interval) and retires those whose registration
    /// or check is gone. Walks the registry's change chain from the snapshot followed last, so a round costs
    /// O(changed names) rather than a scan of every registration (hundreds of rounds under a stream of
    /// registrations); a snapshot the chain does not lead to (the first, or one not made by the writer) is scanned whole.
    /// </summary>
    private void Follow(RegistrySnapshot snapshot)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var names = _followed is { } followed ? ZoneChangesBetween.Of(followed, snapshot)?.Names : null;
            if (names is null)
            {
                FollowAll(snapshot, now);
            }
            else
            {
                // Watches that ended by themselves start again if still wanted, as a full scan would start them.
                foreach (var (fqdn, _) in _ended)
                {
                    names.Add(fqdn);
                }

                foreach (var name in names)
                {
                    FollowName(name, _followed!.Find(name), snapshot.Find(name), now);
                }
            }

            _ended.Clear();
            _followed = snapshot;
        }
    }

    private void FollowAll(RegistrySnapshot snapshot, DateTimeOffset now)
    {
        var wanted = new HashSet<(DomainName, IPAddress)>();
        foreach (var registration in snapshot.All)
        {
            if (registration.Check.Kind != CheckKind.None)
            {
                wanted.Add((registration.Fqdn, registration.Address));
                Watch(registration, now);
            }
        }

        foreach (var (key, watch) in _watches.Where(w => !wanted.Contains(w.Key)).ToList())
        {
            Forget(key, watch);
        }
    }

    /// <summary>One name moved from <paramref name="before"/> to <paramref name="after"/>: its watches follow.</summary>
    private void FollowName(DomainName fqdn, ImmutableArray<Registration> before, ImmutableArray<Registration> after, DateTimeOffset now)
    {
        foreach (var registration in after)
        {
            if (registration.Check.Kind != CheckKind.None)
            {
                Watch(registration, now);
            }
        }

        // Watches exist only for registrations of the followed snapshot (and ended ones), so these are all
        // the candidates for retiring: the name's addresses before, and what ended under it.
        foreach (var key in before.Select(r => (fqdn, r.Address)).Concat(_ended.Where(k => k.Item1 == fqdn)).ToList())
        {
            if (_watches.TryGetValue(key, out var watch) && !after.Any(r => r.Address.Equals(key.Item2) && r.Check.Kind != CheckKind.None))
            {
                Forget(key, watch);
            }
        }
    }

    private void Watch(Registration registration, DateTimeOffset now)
    {
        var key = (registration.Fqdn, registration.Address);
        if (_watches.TryGetValue(key, out var running))
        {
            if (running.Check == registration.Check && !running.Ended)
            {
                return;
            }

            running.Retired = true;
        }

        // Jitter: checks registered together spread over their interval instead of firing together.
        var watch = new WatchedCheck(registration, now) { Due = now + registration.Check.Interval * Random.Shared.NextDouble() };
        _watches[key] = watch;
        _schedule.Add(watch, watch.Due);
    }

    private void Forget((DomainName, IPAddress) key, WatchedCheck watch)
    {
        // A probe in flight finishes within its timeout and its result is dropped.
        watch.Retired = true;
        _watches.Remove(key);
        board.Forget(key.Item1, key.Item2);
    }

    /// <summary>The one timer: every tick, start what fell due (a slot each, waiting for one when all are busy).</summary>
    private async Task ScheduleAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(_tick, time);
        var due = new List<WatchedCheck>();
        try
        {
            while (await ticks.WaitForNextTickAsync(stoppingToken))
            {
                lock (_lock)
                {
                    _schedule.TakeDue(time.GetUtcNow(), due);
                }

                foreach (var watch in due)
                {
                    await _slots.WaitAsync(stoppingToken);
                    Start(watch, stoppingToken);
                }

                due.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Start(WatchedCheck watch, CancellationToken stoppingToken)
    {
        lock (_lock)
        {
            if (watch.Retired)
            {
                _slots.Release();
                return;
            }

            watch.Probe = null;
        }

        // Runs inline up to the probe's first wait, so a tick's checks go out back to back from this thread.
        var probe = ProbeAsync(watch, stoppingToken);
        lock (_lock)
        {
            if (!probe.IsCompleted)
            {
                watch.Probe = probe;
            }
        }
    }

    private async Task ProbeAsync(WatchedCheck watch, CancellationToken stoppingToken)
    {
        try
        {
            if (watch.Check.Kind == CheckKind.Exec)
            {
                // Starting a process blocks: not on the scheduler's thread.
                await Task.Yield();
            }

            // One source per probe, on the checker's clock; shutdown cancels it too (no linked source per check).
            var timeout = new CancellationTokenSource(watch.Check.Timeout, time);
            lock (_lock)
            {
                watch.ProbeCancellation = timeout;
                if (watch.Retired)
                {
                    // Retired (or shut down) while this probe was on its way: it need not run.
                    timeout.Cancel();
                }
            }

            ProbeResult result;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                result = await probes.RunAsync(watch, timeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                result = ProbeResult.Fail($"{CheckProbes.NoAnswerPrefix} {DurationText.Format(watch.Check.Timeout)}");
            }
            finally
            {
                lock (_lock)
                {
                    watch.ProbeCancellation = null;
                }

                timeout.Dispose();
                _slots.Release();
            }

            bool retired;
            lock (_lock)
            {
                retired = watch.Retired;
            }

            // A retired watch's probe was cancelled on purpose: it is no check result, so it is not measured.
            if (!retired)
            {
                metrics?.CheckCompleted(watch.Check.Kind, started, result.Passed);
            }

            await ConcludeAsync(watch, result, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "The health check of {Fqdn} {Ip} failed", watch.Registration.Fqdn, watch.Registration.Address);
            lock (_lock)
            {
                End(watch);
            }
        }
    }

    /// <summary>Counts the result, applies the thresholds and puts the watch back on the schedule for its next check.</summary>
    private async Task ConcludeAsync(WatchedCheck watch, ProbeResult result, CancellationToken stoppingToken)
    {
        var (registration, check) = (watch.Registration, watch.Check);
        var now = time.GetUtcNow();
        (watch.Failures, watch.Successes) = result.Passed ? (0, watch.Successes + 1) : (watch.Failures + 1, 0);
        lock (_lock)
        {
            if (watch.Retired)
            {
                return;
            }

            board.Record(registration.Fqdn, registration.Address, new CheckObservation(now, result.Passed, result.Error, watch.Failures, watch.Successes));
        }

        var current = registry.Current.Find(registration.Fqdn).FirstOrDefault(r => r.Address.Equals(registration.Address));
        var goOn = current is not null && current.Check == check && await DecideAsync(current, result, watch.Failures, watch.Successes, now, stoppingToken);
        lock (_lock)
        {
            if (!goOn)
            {
                End(watch);
            }
            else if (!watch.Retired)
            {
                // A probe that took longer than the interval: carry on from now rather than firing a burst.
                watch.Due = watch.Due + check.Interval < now ? now : watch.Due + check.Interval;
                _schedule.Add(watch, watch.Due);
            }
        }
    }

    /// <summary>Ends a watch by itself (under the lock); the next follow starts a new one if the registration still wants it.</summary>
    private void End(WatchedCheck watch)
    {
        watch.Ended = true;
        _ended.Add((watch.Registration.Fqdn, watch.Registration.Address));
    }

    /// <summary>At shutdown: cancel the probes in flight and wait for them.</summary>
    private async Task StopProbesAsync()
    {
        List<Task> inFlight = [];
        List<CancellationTokenSource> cancel = [];
        lock (_lock)
        {
            foreach (var watch in _watches.Values)
            {
                watch.Retired = true;
                if (watch.ProbeCancellation is { } source)
                {
                    cancel.Add(source);
                }

                if (watch.Probe is { } probe)
                {
                    inFlight.Add(probe);
                }
            }

            _watches.Clear();
            _schedule.Clear();
        }

        foreach (var source in cancel)
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // That probe had just finished.
            }
        }

        await Task.WhenAll(inFlight);
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
}
