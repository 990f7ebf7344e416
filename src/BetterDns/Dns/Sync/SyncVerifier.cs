using System.Collections.Concurrent;
using System.Threading.Channels;
using BetterDns.Dns.Bridges;
using BetterDns.Dns.Probing;
using BetterDns.Registry;

namespace BetterDns.Dns.Sync;

/// <summary>
/// After each apply, asks the driven server for every PENDING registration and reports those it
/// answers (to the registry through <see cref="ISyncReporter"/>, and to waiters through
/// <see cref="Answered"/>). Registrations not answered yet are asked again, with a growing pause,
/// until <see cref="SyncVerificationOptions.Timeout"/> passes without a new request.
/// </summary>
public sealed partial class SyncVerifier(
    Func<RegistrySnapshot?> snapshot,
    IDnsServerBridge bridge,
    ISyncReporter reporter,
    SyncVerificationOptions options,
    TimeSpan probeTimeout,
    ILogger<SyncVerifier> logger,
    TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(1);

    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly DnsProbe _probe = new(probeTimeout);

    // Reported but still PENDING in the snapshot (the registry has not applied the report yet): not reported twice.
    private readonly HashSet<Registration> _reported = [];

    /// <summary>Raised with the registrations the server was seen answering in one round.</summary>
    public event Action<IReadOnlyList<Registration>>? Answered;

    /// <summary>Asks for a verification round soon; requests made while one runs coalesce into one more.</summary>
    public void RequestVerification() => _requests.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _requests.Reader.WaitToReadAsync(stoppingToken))
            {
                _requests.Reader.TryRead(out _);
                await VerifyUntilAnsweredAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One round: asks the server for each PENDING registration; returns the ones it answers.</summary>
    public Task<IReadOnlyList<Registration>> VerifyOnceAsync(CancellationToken cancellationToken) =>
        VerifyAsync(Pending(), cancellationToken);

    /// <summary>
    /// Asks the server about <paramref name="registrations"/> only (a waiter's record, without waiting for a
    /// whole round) and reports the answered ones as a round does; returns them.
    /// </summary>
    public async Task<IReadOnlyList<Registration>> VerifyAsync(IReadOnlyList<Registration> registrations, CancellationToken cancellationToken)
    {
        if (registrations.Count == 0)
        {
            return [];
        }

        var answered = new ConcurrentBag<Registration>();
        if (bridge.AnswersFromRegistrySnapshot)
        {
            // Answered straight from the current snapshot: what it serves is in sync by construction
            // (critical members and idle backups are not served, so they stay PENDING).
            var current = snapshot();
            List<Registration> served = current is null ? [] : [.. registrations.Where(r => current.IsServed(r.Fqdn, r.Address))];
            await ReportAsync(served, cancellationToken);
            return served;
        }

        var questions = registrations.GroupBy(r => (r.Fqdn, r.Address.AddressFamily));
        await Parallel.ForEachAsync(
            questions,
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            async (question, token) =>
            {
                var addresses = await _probe.AddressesAsync(bridge.ProbeEndpoint, question.Key.Fqdn, question.Key.AddressFamily, token);
                foreach (var registration in question.Where(r => addresses.Contains(r.Address)))
                {
                    answered.Add(registration);
                }
            });

        var result = answered.ToList();
        await ReportAsync(result, cancellationToken);
        return result;
    }

    private async Task ReportAsync(List<Registration> result, CancellationToken cancellationToken)
    {
        if (result.Count > 0)
        {
            lock (_reported)
            {
                _reported.UnionWith(result);
            }

            await reporter.ReportInSyncAsync(result, cancellationToken);
            Answered?.Invoke(result);
            LogInSync(result.Count, bridge.Name);
        }
    }

    private async Task VerifyUntilAnsweredAsync(CancellationToken stoppingToken)
    {
        var startedAt = time.GetTimestamp();
        var pause = options.RetryInterval;
        while (true)
        {
            await PaceAsync(stoppingToken);
            try
            {
                await VerifyOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(e);
            }

            var left = Pending().Count;
            if (left == 0)
            {
                return;
            }

            if (_requests.Reader.TryRead(out _))
            {
                startedAt = time.GetTimestamp();
                pause = options.RetryInterval;
            }
            else if (time.GetElapsedTime(startedAt) >= options.Timeout)
            {
                LogStillPending(left, bridge.Name, options.Timeout);
                return;
            }

            await Task.Delay(pause, time, stoppingToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
        }
    }

    private long _lastRoundStarted;

    // Rounds start at least MinInterval apart, however often they are asked for.
    private async Task PaceAsync(CancellationToken stoppingToken)
    {
        if (_lastRoundStarted != 0)
        {
            var wait = options.MinInterval - time.GetElapsedTime(_lastRoundStarted);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }
        }

        _lastRoundStarted = time.GetTimestamp();
    }

    private List<Registration> Pending()
    {
        // Only served registrations can be answered: critical ones and idle backups are not in the zone.
        // The writer keeps the pending keys, so this costs O(pending), not a scan of every registration.
        var pending = snapshot()?.PendingServed() ?? [];
        lock (_reported)
        {
            _reported.IntersectWith(pending);
            return pending.Where(r => !_reported.Contains(r)).ToList();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} registrations are answered by {Server}: INSYNC")]
    private partial void LogInSync(int count, string server);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} registrations are still not answered by {Server} after {Timeout}")]
    private partial void LogStillPending(int count, string server, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sync verification round failed")]
    private partial void LogRoundFailed(Exception exception);
}
