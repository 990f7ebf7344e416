using System.Net;
using BetterDns.Registry.Options;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using BetterDns.Zone.Serial;
using BetterDns.Zone.Writing;

namespace BetterDns.Registry.Storage;

/// <summary>Reads, creates and atomically rewrites the zone file.</summary>
internal static class ZoneFileStore
{
    // RFC 1912 §2.2 style timers for a zone that is mostly served by one primary.
    private const uint Refresh = 3600;
    private const uint Retry = 600;
    private const uint Expire = 1_209_600;

    /// <summary>
    /// A first zone: SOA, the apex NS, and (when it lies in the zone) an A record for the name server. The
    /// SOA's TTL and MINIMUM are both Zone:NegativeTtl, since resolvers cache "no such name" for the smaller (RFC 2308 §5).
    /// </summary>
    public static DnsZone CreateInitial(RegistrySettings settings, DateOnly today)
    {
        var origin = settings.Origin;
        var ttl = settings.DefaultTtl;
        var negative = settings.NegativeTtl;
        var records = new List<ResourceRecord>
        {
            new(origin, negative, DnsClass.IN, new SoaData(
                settings.PrimaryNameServer, settings.Hostmaster, SerialNumber.Next(0, today), Refresh, Retry, Expire, negative)),
            new(origin, ttl, DnsClass.IN, new NameData(RecordType.NS, settings.PrimaryNameServer)),
        };
        if (settings.PrimaryNameServer.IsSubdomainOf(origin) && settings.PrimaryNameServer != origin)
        {
            records.Add(new(settings.PrimaryNameServer, ttl, DnsClass.IN, new AData(IPAddress.Loopback)));
        }

        return new DnsZone(origin, ttl, records);
    }

    public static DnsZone Read(string path, RegistrySettings settings) =>
        ZoneFileParser.ParseFile(path, settings.Origin, new ZoneParserOptions { DefaultTtl = settings.DefaultTtl });

    /// <summary>Rewrites the file atomically; returns the SHA-256 of what was written, so our own writes can be told from an operator's.</summary>
    public static byte[] Write(string path, DnsZone zone)
    {
        byte[] hash = [];
        DurableFile.Replace(path, stream =>
        {
            using var hashing = new HashingStream(stream);
            ZoneFileWriter.Write(zone, hashing);
            hash = hashing.Hash();
        });
        return hash;
    }

    /// <summary>The SHA-256 of a file's bytes as they are now.</summary>
    public static byte[] HashOf(ReadOnlySpan<byte> contents) => System.Security.Cryptography.SHA256.HashData(contents);
}
