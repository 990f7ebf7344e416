using System.Net;
using System.Net.NetworkInformation;

namespace BetterDns.Auth;

/// <summary>
/// The addresses of this host's own network interfaces (up or down), read again at most every
/// <see cref="RefreshAfter"/>: DHCP or a new interface can change them while the service runs, and
/// reading them costs a netlink round trip, too much for every registration.
/// </summary>
public sealed class HostAddresses(TimeProvider time)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(5);

    private volatile Snapshot? _current;

    public bool Contains(IPAddress address)
    {
        var now = time.GetUtcNow();
        var current = _current;
        if (current is null || now - current.ReadAt >= RefreshAfter)
        {
            current = new Snapshot(now, Read());
            _current = current;
        }

        return current.Addresses.Contains(address);
    }

    private static HashSet<IPAddress> Read()
    {
        HashSet<IPAddress> addresses = [];
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var address = unicast.Address;
                addresses.Add(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
            }
        }

        return addresses;
    }

    private sealed record Snapshot(DateTimeOffset ReadAt, HashSet<IPAddress> Addresses);
}
