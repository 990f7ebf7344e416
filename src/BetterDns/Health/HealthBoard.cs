using System.Collections.Concurrent;
using System.Net;
using BetterDns.Zone.Model;

namespace BetterDns.Health;

/// <summary>What the last check of a registration found, and how many in a row passed or failed.</summary>
public sealed record CheckObservation(DateTimeOffset CheckedAt, bool Passed, string? Error, int ConsecutiveFailures, int ConsecutiveSuccesses);

/// <summary>
/// The checker's memory, shared with the API: the last observation per registration and the last
/// heartbeat received. Kept out of the registry on purpose: a check that changes no state must not
/// cost a journal write. After a restart it starts empty (the persisted state says passing/critical).
/// </summary>
public sealed class HealthBoard
{
    private readonly ConcurrentDictionary<(DomainName, IPAddress), CheckObservation> _observations = new();
    private readonly ConcurrentDictionary<(DomainName, IPAddress), DateTimeOffset> _heartbeats = new();

    public CheckObservation? Observation(DomainName fqdn, IPAddress address) =>
        _observations.TryGetValue((fqdn, address), out var found) ? found : null;

    public void Record(DomainName fqdn, IPAddress address, CheckObservation observation) => _observations[(fqdn, address)] = observation;

    public void Forget(DomainName fqdn, IPAddress address)
    {
        _observations.TryRemove((fqdn, address), out _);
        _heartbeats.TryRemove((fqdn, address), out _);
    }

    public void Heartbeat(DomainName fqdn, IPAddress address, DateTimeOffset at) => _heartbeats[(fqdn, address)] = at;

    public DateTimeOffset? LastHeartbeat(DomainName fqdn, IPAddress address) =>
        _heartbeats.TryGetValue((fqdn, address), out var at) ? at : null;
}
