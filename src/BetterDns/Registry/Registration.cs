using System.Net;
using BetterDns.Zone.Model;

namespace BetterDns.Registry;

/// <summary>
/// One address registered under one name: a member of that name's round-robin pool.
/// The key is (<see cref="Fqdn"/>, <see cref="Address"/>). Immutable; the registry replaces it on change.
/// </summary>
public sealed record Registration
{
    /// <summary>The name relative to the zone origin, as the client wrote it ("web-1").</summary>
    public required string Name { get; init; }

    public required DomainName Fqdn { get; init; }

    public required IPAddress Address { get; init; }

    public required uint Ttl { get; init; }

    /// <summary>The JWT subject that registered it.</summary>
    public required string Owner { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>PENDING until the DNS server answers with it, then INSYNC (set by the DNS controller).</summary>
    public SyncStatus Sync { get; init; } = SyncStatus.Pending;

    /// <summary>How the health checker probes it; <see cref="HealthCheck.None"/> when it is not checked.</summary>
    public HealthCheck Check { get; init; } = HealthCheck.None;

    /// <summary>Lower is preferred: DNS serves only the healthy members with the lowest priority of the name.</summary>
    public int Priority { get; init; }

    /// <summary>New registrations start passing (served at once; failed checks take them out).</summary>
    public HealthState Health { get; init; } = new(HealthVerdict.Passing, DateTimeOffset.MinValue, null);
}
