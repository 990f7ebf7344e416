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

    public override string ToPresentation(DomainName? origin = null) => Address.ToString();
}
