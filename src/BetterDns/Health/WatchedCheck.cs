using System.Net;
using System.Net.Sockets;
using BetterDns.Registry;

namespace BetterDns.Health;

/// <summary>
/// One registration the checker watches with one check: its counters, when it is next due, and what its
/// probes need worked out once (the HTTP URI, the TCP endpoint) rather than on every check.
/// A registration whose check changes gets a new watch; the old one is <see cref="Retired"/>.
/// </summary>
public sealed class WatchedCheck
{
    public WatchedCheck(Registration registration, DateTimeOffset since)
    {
        Registration = registration;
        Check = registration.Check;
        WatchingSince = since;
        EndPoint = new IPEndPoint(registration.Address, Check.Port);
        if (Check.Kind is CheckKind.Http or CheckKind.Https)
        {
            (HttpUri, HttpUriError) = BuildUri(registration.Address, Check);
        }
    }

    public Registration Registration { get; }

    public HealthCheck Check { get; }

    public DateTimeOffset WatchingSince { get; }

    public IPEndPoint EndPoint { get; }

    /// <summary>The URI an HTTP(S) check GETs; null with <see cref="HttpUriError"/> when the path would leave the address.</summary>
    public Uri? HttpUri { get; }

    public string? HttpUriError { get; }

    public int Failures { get; set; }

    public int Successes { get; set; }

    /// <summary>When the next check is due (the cadence is kept from here, not from when a probe ends).</summary>
    public DateTimeOffset Due { get; set; }

    /// <summary>Set by the checker when the registration or its check is gone: no further checks, results dropped.</summary>
    public bool Retired { get; set; }

    /// <summary>Set when the watch stopped by itself (deregistered, check changed, failed): following starts a new one if still wanted.</summary>
    public bool Ended { get; set; }

    /// <summary>The probe in flight, if any, and the source that cancels it at its timeout or at shutdown.</summary>
    public Task? Probe { get; set; }

    public CancellationTokenSource? ProbeCancellation { get; set; }

    private static (Uri?, string?) BuildUri(IPAddress address, HealthCheck check)
    {
        var scheme = check.Kind == CheckKind.Https ? "https" : "http";
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        if (Uri.TryCreate($"{scheme}://{host}:{check.Port}{check.Path}", UriKind.Absolute, out var uri)
            && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var target) && target.Equals(address))
        {
            return (uri, null);
        }

        // Validation keeps paths from changing the authority; this is the last line of that promise.
        return (null, $"the path '{check.Path}' does not keep the check at {address}");
    }
}
