using BetterDns.Health;
using BetterDns.Registry;
using BetterDns.Zone.Model;

namespace BetterDns.Records;

/// <summary>Every address registered under one name: several make a round-robin pool.</summary>
public sealed record RecordSetResponse(string Name, string Fqdn, IReadOnlyList<RecordResponse> Records)
{
    public static RecordSetResponse From(DomainName fqdn, IReadOnlyList<Registration> registrations, DomainName origin, HealthBoard? board, bool detailed) => new(
        registrations.Count > 0 ? registrations[0].Name : fqdn.ToRelativeString(origin),
        fqdn.Value,
        [.. registrations.Select(r => RecordResponse.From(r, board, detailed))]);
}
