using System.Net;
using Microsoft.Extensions.Options;

namespace BetterDns.Records;

/// <summary>Fails start-up with a clear message when the Registration section cannot work.</summary>
public sealed class RegistrationOptionsValidator : IValidateOptions<RegistrationOptions>
{
    /// <summary>RFC 2181 §8: TTLs are at most 2^31 - 1.</summary>
    public const uint MaxDnsTtl = int.MaxValue;

    public ValidateOptionsResult Validate(string? name, RegistrationOptions options)
    {
        var failures = new List<string>();
        foreach (var network in options.EffectiveAllowedNetworks)
        {
            if (!IPNetwork.TryParse(network, out _))
            {
                failures.Add($"Registration:AllowedNetworks: '{network}' is not a CIDR range like 10.0.0.0/8.");
            }
        }

        var denied = options.EffectiveVmDeniedNetworks;
        foreach (var entry in denied)
        {
            var isKeyword = entry is RegistrationOptions.HostKeyword or RegistrationOptions.NoneKeyword;
            if (!isKeyword && !TryParseProxy(entry, out _))
            {
                failures.Add($"Registration:VmDeniedNetworks: '{entry}' is neither an address, a CIDR range, '{RegistrationOptions.HostKeyword}' nor '{RegistrationOptions.NoneKeyword}'.");
            }
        }

        if (denied.Contains(RegistrationOptions.NoneKeyword) && denied.Count > 1)
        {
            failures.Add($"Registration:VmDeniedNetworks: '{RegistrationOptions.NoneKeyword}' stands alone (it means VMs may register any allowed address).");
        }

        foreach (var proxy in options.TrustedProxies)
        {
            if (!TryParseProxy(proxy, out _))
            {
                failures.Add($"Registration:TrustedProxies: '{proxy}' is neither an address nor a CIDR range.");
            }
        }

        if (options.MinTtl > options.MaxTtl || options.MaxTtl > MaxDnsTtl)
        {
            failures.Add($"Registration:MinTtl ({options.MinTtl}) must not exceed MaxTtl ({options.MaxTtl}), which is at most {MaxDnsTtl}.");
        }

        if (options.MaxBodyBytes is < 256 or > 1024 * 1024)
        {
            failures.Add($"Registration:MaxBodyBytes must be between 256 and 1048576, found {options.MaxBodyBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A single address is a /32 (or /128) network.</summary>
    public static bool TryParseProxy(string text, out IPNetwork network)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }
}
