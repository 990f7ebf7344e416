using System.Net;
using BetterDns.Zone.Model;
using BetterDns.Zone.Writing;

namespace BetterDns.ControllerTests.Infrastructure;

/// <summary>Builds small zones (SOA, NS, ns1, then A records) and writes them the way the registry does: atomically.</summary>
public static class TestZone
{
    public static readonly DomainName Origin = DomainName.Parse("cluster.test.");

    public static DnsZone Build(uint serial, params (string Name, string Address)[] records)
    {
        var ns1 = DomainName.Parse("ns1", Origin);
        var all = new List<ResourceRecord>
        {
            new(Origin, 60, DnsClass.IN, new SoaData(ns1, DomainName.Parse("hostmaster", Origin), serial, 3600, 600, 86400, 1)),
            new(Origin, 60, DnsClass.IN, new NameData(RecordType.NS, ns1)),
            new(ns1, 60, DnsClass.IN, new AData(IPAddress.Loopback)),
        };
        all.AddRange(records.Select(r => new ResourceRecord(
            DomainName.Parse(r.Name, Origin), 60, DnsClass.IN, RecordFor(IPAddress.Parse(r.Address)))));
        return new DnsZone(Origin, 60, all);
    }

    /// <summary>Temp file in the same directory, flush, rename over the old one: readers see the old or the new file, never half.</summary>
    public static void WriteAtomically(string path, DnsZone zone)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            ZoneFileWriter.Write(zone, stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static DomainName Name(string relative) => DomainName.Parse(relative, Origin);

    private static RData RecordFor(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? new AaaaData(address) : new AData(address);
}
