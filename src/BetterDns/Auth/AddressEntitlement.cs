using System.Net;
using System.Security.Claims;
using BetterDns.Records;
using Microsoft.Extensions.Options;

namespace BetterDns.Auth;

/// <summary>
/// Which addresses a VM token may register (admins: any address inside <c>Registration:AllowedNetworks</c>).
/// A VM is entitled to the address its request comes from and to the addresses its token lists
/// (<see cref="BetterDnsClaims.Addresses"/>), never to one in <c>Registration:VmDeniedNetworks</c> (by
/// default loopback, link-local, multicast, 0.0.0.0/8, broadcast and this host's own addresses): otherwise a
/// VM could point a name, and a health check, at a service on the BetterDns host or at another tenant.
/// </summary>
public sealed class AddressEntitlement
{
    private readonly IPNetwork[] _denied;
    private readonly bool _denyHost;
    private readonly string _deniedText;
    private readonly HostAddresses _host;

    public AddressEntitlement(IOptions<RegistrationOptions> options, HostAddresses host)
    {
        var entries = options.Value.EffectiveVmDeniedNetworks;
        _denyHost = entries.Contains(RegistrationOptions.HostKeyword);
        _denied = [.. entries
            .Where(e => e is not RegistrationOptions.HostKeyword and not RegistrationOptions.NoneKeyword)
            .Select(e => RegistrationOptionsValidator.TryParseProxy(e, out var network) ? network : throw new OptionsValidationException(
                RegistrationOptions.Section, typeof(RegistrationOptions), [$"Registration:VmDeniedNetworks: '{e}' is not a CIDR range."]))];
        _deniedText = string.Join(", ", entries);
        _host = host;
    }

    /// <summary>
    /// Null when <paramref name="user"/> may register <paramref name="address"/> from <paramref name="caller"/>;
    /// otherwise why not, naming the rule and the setting.
    /// </summary>
    public string? Refusal(ClaimsPrincipal user, IPAddress? caller, IPAddress address)
    {
        if (user.IsAdmin())
        {
            return null;
        }

        foreach (var denied in _denied)
        {
            if (denied.Contains(address))
            {
                return $"{address} lies in {denied}, which a VM token may never register, even when its token lists it (Registration:VmDeniedNetworks: {_deniedText}).";
            }
        }

        if (_denyHost && _host.Contains(address))
        {
            return $"{address} is an address of the BetterDns host itself, which a VM token may never register (Registration:VmDeniedNetworks: {RegistrationOptions.HostKeyword}).";
        }

        if (address.Equals(caller))
        {
            return null;
        }

        var listed = user.EntitledNetworks();
        if (listed.Any(n => n.Contains(address)))
        {
            return null;
        }

        var allowed = listed.Count == 0 ? "lists none" : "lists " + string.Join(", ", listed.Select(AddressList.Format));
        return $"A VM token registers only the address its request comes from ({caller?.ToString() ?? "unknown"}) or the addresses its token lists "
            + $"(betterdns token create --ips; this token {allowed}); {address} is neither.";
    }
}
