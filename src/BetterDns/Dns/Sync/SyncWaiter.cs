using System.Collections.Concurrent;
using System.Net;
using BetterDns.Registry;
using BetterDns.Zone.Model;

namespace BetterDns.Dns.Sync;

/// <summary>
/// Waits on the registry's sync status and on what the <see cref="SyncVerifier"/> sees the server
/// answer. Each waiter asks the verifier for a round, so a record that is already served is found
/// without waiting for the next zone change.
/// </summary>
public sealed class SyncWaiter : ISyncWaiter
{
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
        try
        {
            if (IsInSync(fqdn, address))
            {
                return true;
            }

            _verifier.RequestVerification();
            await waiter.Done.Task.WaitAsync(timeout, _time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return IsInSync(fqdn, address);
        }
        finally
        {
            _waiters.TryRemove(waiter, out _);
        }
    }

    private bool IsInSync(DomainName fqdn, IPAddress? address)
    {
        var registrations = _snapshot()?.Find(fqdn) ?? [];
        var matching = registrations.Where(r => address is null || r.Address.Equals(address)).ToList();
        return matching.Count > 0 && matching.All(r => r.Sync == SyncStatus.InSync);
    }

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
