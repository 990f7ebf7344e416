using BetterDns.Registry.Options;
using Microsoft.Extensions.Options;

namespace BetterDns.Auth;

/// <summary>
/// Fills in <see cref="AuthOptions.Audience"/> when it is left empty: the zone origin, so the service
/// and <c>betterdns token create</c> agree on it and a token minted for one zone is refused by another
/// that shares its signing key.
/// </summary>
public sealed class TokenAudience(IOptions<ZoneOptions> zone) : IPostConfigureOptions<AuthOptions>
{
    public void PostConfigure(string? name, AuthOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            options.Audience = Of(zone.Value.Origin);
        }
    }

    /// <summary>The audience of a zone: its origin, trimmed, lower case, with the trailing dot.</summary>
    public static string Of(string origin)
    {
        var trimmed = origin.Trim().ToLowerInvariant();
        return trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }
}
