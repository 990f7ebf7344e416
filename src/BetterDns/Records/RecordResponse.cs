using BetterDns.Registry;

namespace BetterDns.Records;

/// <summary>
/// One registered address under one name. <c>status</c> is PENDING until the DNS server answers with
/// it, then INSYNC. Health-check fields will sit beside these as further properties.
/// </summary>
public sealed record RecordResponse(
    string Name,
    string Fqdn,
    string Ip,
    uint Ttl,
    string Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Status)
{
    public static RecordResponse From(Registration registration) => new(
        registration.Name,
        registration.Fqdn.Value,
        registration.Address.ToString(),
        registration.Ttl,
        registration.Owner,
        registration.CreatedAt,
        registration.UpdatedAt,
        registration.Sync == SyncStatus.InSync ? "INSYNC" : "PENDING");
}
