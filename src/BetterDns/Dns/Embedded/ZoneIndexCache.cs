using BetterDns.Zone.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// Holds the index of the zone the source currently hands out. For any source, a new <see cref="DnsZone"/>
/// instance is indexed on the first query that sees it, and every query after that reads the cached index
/// with one reference comparison. The registry's source is followed change by change instead
/// (<see cref="RegistryIndexFollower"/>): a write costs the next query O(overlay + changes), never O(zone).
/// </summary>
internal sealed partial class ZoneIndexCache
{
    private readonly IZoneSource _source;
    private readonly ILogger _logger;
    private readonly RegistryIndexFollower? _follower;
    private readonly Lock _building = new();
    private volatile ZoneIndex? _current;

    public ZoneIndexCache(IZoneSource source, ILogger? logger = null)
    {
        _source = source;
        _logger = logger ?? NullLogger.Instance;
        if (source is RegistryZoneSource registry)
        {
            _follower = new RegistryIndexFollower(registry, _logger);
        }
    }

    public ZoneIndex Current
    {
        get
        {
            if (_follower is not null)
            {
                return _follower.Current;
            }

            var zone = _source.Current;
            var index = _current;
            return index is not null && ReferenceEquals(index.Zone, zone) ? index : Rebuild(zone);
        }
    }

    /// <summary>The registry follower (null for other sources), for tests to watch its rebuilds.</summary>
    internal RegistryIndexFollower? Follower => _follower;

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
            LogIndexed(_logger, zone.Origin.Value, index.NameCount, zone.Records.Length, index.BuildTime.TotalMilliseconds);
            return index;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Indexed zone {Origin}: {Names} names, {Records} records in {ElapsedMs:F1} ms")]
    internal static partial void LogIndexed(ILogger logger, string origin, int names, int records, double elapsedMs);
}
