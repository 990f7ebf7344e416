using System.Collections.Concurrent;
using System.Net;
using BetterDns.Registry;
using BetterDns.Zone.Model;

namespace BetterDns.Dns.Sync;

/// <summary>
/// Waits on the registry's sync status and on what the <see cref="SyncVerifier"/> sees the server
/// answer. A waiter also asks the server about its own record (first after 25 ms, the pause doubling
/// to 500 ms), so it does not depend on a whole verification round over every PENDING registration.
/// </summary>
public sealed class SyncWaiter : ISyncWaiter
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(500);

    private readonly Func<RegistrySnapshot?> _snapshot;
    private readonly SyncVerifier _verifier;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Waiter, byte> _waiters = new();

    public SyncWaiter(Func<RegistrySnapshot?> snapshot, SyncVerifier verifier, TimeProvider time)
    {
        _snapshot = snapshot;
        _verifier = verifier;
        _time = time;
        verifier.Answered += OnAnswered;
    }

    public async Task<bool> WaitForInSyncAsync(
        DomainName fqdn, IPAddress? address, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // Registered before looking at the snapshot, so an answer seen in between is not missed.
        var waiter = new Waiter(fqdn, address);
        _waiters.TryAdd(waiter, 0);
        var started = _time.GetTimestamp();
        var pause = FirstPause;
        try
        {
            while (true)
            {
                if (IsInSync(fqdn, address))
                {
                    return true;
                }

                // Ask the server about this record now rather than wait for a whole round over every PENDING one.
                var pending = Matching(fqdn, address).Where(r => r.Sync == SyncStatus.Pending).ToList();
                if (pending.Count > 0 && (await _verifier.VerifyAsync(pending, cancellationToken)).Count > 0)
                {
                    return true;
                }

                var left = timeout - _time.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    return IsInSync(fqdn, address);
                }

                var wait = pause < left ? pause : left;
                await Task.WhenAny(waiter.Done.Task, Task.Delay(wait, _time, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
                if (waiter.Done.Task.IsCompleted)
                {
                    return true;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
        finally
        {
            _waiters.TryRemove(waiter, out _);
        }
    }

    private bool IsInSync(DomainName fqdn, IPAddress? address)
    {
        var matching = Matching(fqdn, address);
        return matching.Count > 0 && matching.All(r => r.Sync == SyncStatus.InSync);
    }

    private List<Registration> Matching(DomainName fqdn, IPAddress? address) =>
        [.. (_snapshot()?.Find(fqdn) ?? []).Where(r => address is null || r.Address.Equals(address))];

    private void OnAnswered(IReadOnlyList<Registration> answered)
    {
        foreach (var waiter in _waiters.Keys)
        {
            if (answered.Any(r => r.Fqdn == waiter.Fqdn && (waiter.Address is null || r.Address.Equals(waiter.Address))))
            {
                waiter.Done.TrySetResult();
            }
        }
    }

    private sealed class Waiter(DomainName fqdn, IPAddress? address)
    {
        public DomainName Fqdn { get; } = fqdn;

        public IPAddress? Address { get; } = address;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
