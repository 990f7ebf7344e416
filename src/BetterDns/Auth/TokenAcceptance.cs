using System.Security.Claims;
using BetterDns.Auth.Revocation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace BetterDns.Auth;

/// <summary>
/// The rules a token must pass after the library has checked its signature, issuer, audience and times:
/// a usable subject and a lifetime within <see cref="AuthOptions.MaxTokenLifetime"/>. Revocation is
/// judged by <see cref="TokenRevocations"/> here and again on every cache hit, because it changes while a token sits in the cache.
/// </summary>
public static class TokenAcceptance
{
    /// <summary>Why a token that passed the library's checks is refused (rules, then revocation); null when it is accepted.</summary>
    public static string? Refusal(TokenValidatedContext context, AuthOptions options, TokenRevocations revocations)
    {
        if (context.SecurityToken is not JsonWebToken token || context.Principal is not { } user)
        {
            return "it is not a well-formed JWT.";
        }

        return Refusal(token, user, options, TimeProvider.System.GetUtcNow()) ?? revocations.Refusal(user);
    }

    /// <summary>Why the token is refused, completing "The bearer token was rejected: …"; null when it passes.</summary>
    public static string? Refusal(JsonWebToken token, ClaimsPrincipal user, AuthOptions options, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(user.FindFirst(BetterDnsClaims.Subject)?.Value))
        {
            return "it has no subject ('sub'), or an empty one; every token must name the owner of what it registers.";
        }

        var max = options.MaxTokenLifetime;
        var expires = new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
        if (token.IssuedAt > DateTime.MinValue && expires - new DateTimeOffset(token.IssuedAt, TimeSpan.Zero) > max)
        {
            return $"it lives from {token.IssuedAt:O} to {expires:O}, longer than this service allows (Auth:MaxTokenLifetime = {max}); ask for a shorter one.";
        }

        // Without (or with a back-dated) iat, the expiry itself must not lie further ahead than one lifetime.
        if (expires - now > max + options.ClockSkew)
        {
            return $"it expires at {expires:O}, further ahead than this service allows (Auth:MaxTokenLifetime = {max}); ask for a shorter one.";
        }

        return null;
    }
}
