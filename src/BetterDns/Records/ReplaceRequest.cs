using System.Text.Json.Serialization;

namespace BetterDns.Records;

/// <summary>
/// PUT /a/{name}: the caller's addresses under the name become exactly <paramref name="Ips"/>
/// (or the one <paramref name="Ip"/>; the caller's address when both are left out). An admin replaces the whole pool.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReplaceRequest(string? Ip = null, IReadOnlyList<string?>? Ips = null, long? Ttl = null)
{
    /// <summary>A pool has at most this many addresses in one request.</summary>
    public const int MaxAddresses = 64;
}
