using BetterDns.Health;
using BetterDns.Registry;

namespace BetterDns.Records;

/// <summary>
/// One registered address under one name. <c>status</c> is PENDING until the DNS server answers with
/// it, then INSYNC. <c>priority</c>, <c>check</c> and <c>health</c> say how it is checked and whether DNS serves it.
/// </summary>
public sealed record RecordResponse(
    string Name,
    string Fqdn,
    string Ip,
    uint Ttl,
    string Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Status,
    int Priority,
    CheckResponse? Check,
    HealthResponse Health)
{
    /// <summary><paramref name="detailed"/>: the probe's own failure text (admins), or only its class (everyone else).</summary>
    public static RecordResponse From(Registration registration, HealthBoard? board, bool detailed) => new(
        registration.Name,
        registration.Fqdn.Value,
        registration.Address.ToString(),
        registration.Ttl,
        registration.Owner,
        registration.CreatedAt,
        registration.UpdatedAt,
        registration.Sync == SyncStatus.InSync ? "INSYNC" : "PENDING",
        registration.Priority,
        CheckResponse.From(registration.Check),
        HealthResponse.From(registration.Health, board?.Observation(registration.Fqdn, registration.Address), detailed));
}
