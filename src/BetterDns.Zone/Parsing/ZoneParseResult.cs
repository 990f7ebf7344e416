using BetterDns.Zone.Model;

namespace BetterDns.Zone.Parsing;

/// <summary>What a check found: the records that parsed, and every error.</summary>
public sealed record ZoneParseResult(DnsZone Zone, IReadOnlyList<ZoneFileError> Errors)
{
    public bool Success => Errors.Count == 0;
}
