using System.Net;

namespace BetterDns.Records;

/// <summary>
/// The address a request came from, after the forwarded-headers middleware has replaced it with the
/// X-Forwarded-For client where (and only where) the peer is a trusted proxy.
/// </summary>
public static class CallerAddress
{
    public static IPAddress? Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        return address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
    }
}
