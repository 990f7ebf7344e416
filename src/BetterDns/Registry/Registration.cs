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
}
