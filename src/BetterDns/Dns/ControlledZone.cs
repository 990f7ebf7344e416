using BetterDns.Zone.Model;

namespace BetterDns.Dns;

/// <summary>
/// The zone the controller keeps served: its origin (what the SOA probe asks for) and the zone file
/// the registry writes (what CoreDNS, BIND or Knot read).
/// </summary>
public sealed record ControlledZone(DomainName Origin, string FilePath)
{
    /// <summary>
    /// From the registry's settings, with the registry's defaults: <c>Zone:Origin</c>
    /// (<c>cluster.internal.</c>), <c>Zone:File</c> (<c>&lt;Storage:DataDirectory&gt;/&lt;origin&gt;.zone</c>,
    /// data directory <c>./data</c>).
    /// </summary>
    public static ControlledZone FromConfiguration(IConfiguration configuration)
    {
        var origin = DomainName.Parse(configuration["Zone:Origin"] is { Length: > 0 } text ? text : "cluster.internal.", DomainName.Root);
        var dataDirectory = configuration["Storage:DataDirectory"] is { Length: > 0 } data ? data : "./data";
        var file = configuration["Zone:File"] is { Length: > 0 } path
            ? path
            : Path.Combine(dataDirectory, origin.Value.TrimEnd('.') + ".zone");
        return new ControlledZone(origin, Path.GetFullPath(file));
    }
}
