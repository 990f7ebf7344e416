using BetterDns.Registry.Options;
using BetterDns.Zone.Model;

namespace BetterDns.Registry;

/// <summary>
/// How long resolvers cache "no such name" for this zone: min(SOA TTL, SOA MINIMUM), RFC 2308 §5. The
/// zone file's SOA governs (it is the operator's record, never rewritten from settings); when it is
/// longer than <see cref="RegistrySettings.NegativeTtl"/> the operator is told, since a name asked before
/// it registered then stays hidden from clients behind a resolver that long after its 2xx.
/// </summary>
internal static class NegativeCaching
{
    public static uint? SecondsOf(ResourceRecord? soaRecord) =>
        soaRecord is { Data: SoaData soa } ? Math.Min(soaRecord.Ttl, soa.Minimum) : null;

    public static void WarnIfLonger(ILogger logger, ResourceRecord? soaRecord, RegistrySettings settings)
    {
        if (SecondsOf(soaRecord) is { } seconds && seconds > settings.NegativeTtl)
        {
            logger.LogWarning(
                "The SOA of {ZoneFile} lets resolvers cache 'no such name' for {Seconds} s (min of its TTL and MINIMUM), more than Zone:NegativeTtl ({NegativeTtl} s): a name asked before it registers reaches clients behind a resolver only that long after its 2xx. Lower both SOA values in the file to change it (docs/deploy.md, \"Resolvers in front\")",
                settings.ZoneFile, seconds, settings.NegativeTtl);
        }
    }
}
