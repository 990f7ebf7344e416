using System.Text.Json.Serialization;
using BetterDns.Health;

namespace BetterDns.Records;

/// <summary>
/// PUT /a/{name}: the caller's addresses under the name become exactly <paramref name="Ips"/>
/// (or the one <paramref name="Ip"/>; the caller's address when both are left out). An admin replaces the whole pool.
/// <paramref name="Check"/> and <paramref name="Priority"/> apply to every address of the request.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReplaceRequest(
    string? Ip = null, IReadOnlyList<string?>? Ips = null, long? Ttl = null, CheckRequest? Check = null, int? Priority = null)
{
    /// <summary>A pool has at most this many addresses in one request.</summary>
    public const int MaxAddresses = 64;

    /// <summary>Priorities run from 0 (most preferred) to this.</summary>
    public const int MaxPriority = 65535;
}
