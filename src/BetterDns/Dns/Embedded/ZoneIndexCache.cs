using BetterDns.Zone.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// Holds the index of the zone the source currently hands out, keyed by the zone object's identity:
/// a new <see cref="DnsZone"/> instance is indexed on the first query that sees it, and every query
/// after that reads the cached index with one reference comparison.
/// </summary>
internal sealed partial class ZoneIndexCache(IZoneSource source, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Lock _building = new();
    private volatile ZoneIndex? _current;

    public ZoneIndex Current
    {
        get
        {
            var zone = source.Current;
            var index = _current;
            return index is not null && ReferenceEquals(index.Zone, zone) ? index : Rebuild(zone);
        }
    }

    private ZoneIndex Rebuild(DnsZone zone)
    {
        lock (_building)
        {
            var index = _current;
            if (index is not null && ReferenceEquals(index.Zone, zone))
            {
                return index;
            }

            index = ZoneIndex.Build(zone);
            _current = index;
            LogIndexed(zone.Origin.Value, index.NameCount, zone.Records.Length, index.BuildTime.TotalMilliseconds);
            return index;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Indexed zone {Origin}: {Names} names, {Records} records in {ElapsedMs:F1} ms")]
    private partial void LogIndexed(string origin, int names, int records, double elapsedMs);
}
