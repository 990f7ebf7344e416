using System.Net;
using System.Net.Sockets;

namespace BetterDns.Zone.Model;

/// <summary>An IPv6 address (RFC 3596).</summary>
public sealed record AaaaData : RData
{
    public AaaaData(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException("an AAAA record holds an IPv6 address", nameof(address));
        }

        Address = address;
    }

    public IPAddress Address { get; }

    public override RecordType Type => RecordType.AAAA;

    /// <summary>
    /// RFC 5952 text. IPv4-mapped addresses always get the dotted tail (RFC 5952 §5, as BIND prints them);
    /// .NET drops it when the IPv4 part starts with zeros ("::ffff:0:1").
    /// </summary>
    public override string ToPresentation(DomainName? origin = null) =>
        Address.IsIPv4MappedToIPv6 ? "::ffff:" + Address.MapToIPv4() : Address.ToString();
}
