using System.Security.Claims;
using BetterDns.Auth;
using BetterDns.Registry;

namespace BetterDns.Records;

/// <summary>
/// Which registrations a reader may see. An admin sees every owner's, and so does anyone when
/// <c>Auth:AllowAnonymousReads</c> opens reads without a token; a VM token sees only its own (its
/// <c>sub</c> is the owner), so it cannot list the other tenants' names, addresses and checks,
/// unless <c>Auth:VmsSeeAllRecords</c> restores the old, open listing.
/// </summary>
public static class RecordVisibility
{
    /// <summary>The owner whose registrations alone <paramref name="user"/> may see; null when it may see all.</summary>
    public static string? OnlyOwner(ClaimsPrincipal user, AuthOptions options) =>
        user.Identity?.IsAuthenticated != true || user.IsAdmin() || options.VmsSeeAllRecords
            ? null
            : user.FindFirst(BetterDnsClaims.Subject)?.Value ?? "";

    /// <summary>The part of a name's pool the reader may see (empty: to this reader the name does not exist).</summary>
    public static IReadOnlyList<Registration> Visible(IReadOnlyList<Registration> pool, string? onlyOwner) =>
        onlyOwner is null ? pool : [.. pool.Where(r => r.Owner == onlyOwner)];
}
