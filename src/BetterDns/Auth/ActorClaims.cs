using System.Security.Claims;
using BetterDns.Registry;

namespace BetterDns.Auth;

/// <summary>Turns a validated token's claims into the <see cref="Actor"/> the registry's ownership rule judges.</summary>
public static class ActorClaims
{
    public static bool IsAdmin(this ClaimsPrincipal user) =>
        user.HasClaim(BetterDnsClaims.Role, BetterDnsClaims.Roles.Admin);

    /// <summary>A role this service knows: admin, vm, or none at all (a VM).</summary>
    public static bool HasKnownRole(this ClaimsPrincipal user) =>
        user.FindAll(BetterDnsClaims.Role).All(c => c.Value is BetterDnsClaims.Roles.Admin or BetterDnsClaims.Roles.Vm);

    /// <summary>The actor of an authenticated user; null when the token has no subject.</summary>
    public static Actor? ToActor(this ClaimsPrincipal user)
    {
        var subject = user.FindFirst(BetterDnsClaims.Subject)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }

        if (user.IsAdmin())
        {
            return Actor.Admin(subject);
        }

        var patterns = user.FindAll(BetterDnsClaims.Names)
            .Select(c => c.Value.Trim())
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return new Actor(subject, IsAdmin: false, patterns);
    }

    /// <summary>
    /// The networks a VM token lists in <see cref="BetterDnsClaims.Addresses"/>. An entry that does not parse
    /// strictly grants nothing (an external issuer's typo must not widen a token).
    /// </summary>
    public static IReadOnlyList<System.Net.IPNetwork> EntitledNetworks(this ClaimsPrincipal user) =>
        [.. user.FindAll(BetterDnsClaims.Addresses)
            .Select(c => AddressList.TryParse(c.Value.Trim(), out var network, out _) ? network : (System.Net.IPNetwork?)null)
            .OfType<System.Net.IPNetwork>()];
}
