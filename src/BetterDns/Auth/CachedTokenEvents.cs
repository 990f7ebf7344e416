using BetterDns.Auth.Revocation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BetterDns.Auth;

/// <summary>
/// Hooks <see cref="ValidatedTokenCache"/> into JwtBearer: before validation a cached token authenticates at
/// once unless it has been revoked since; after a full validation succeeds, the token is remembered. Everything else (no token, a token
/// not cached, an expired or re-keyed entry) takes the handler's usual path with its usual problems.
/// </summary>
public static class CachedTokenEvents
{
    private const string BearerPrefix = "Bearer ";

    public static async Task OnMessageReceivedAsync(MessageReceivedContext context, ValidatedTokenCache cache, TokenRevocations revocations)
    {
        // The handler's own reading of the header: "Bearer " in any case, then the token trimmed.
        string authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var token = authorization[BearerPrefix.Length..].Trim();
        if (token.Length == 0 || cache.Count == 0)
        {
            return;
        }

        var keys = await CurrentSigningKeysAsync(context.Options, context.HttpContext.RequestAborted);
        var principal = cache.Find(token, key => keys.Any(current => ReferenceEquals(current, key)), out var expires);
        if (principal is null)
        {
            return;
        }

        if (revocations.Refusal(principal) is not null)
        {
            // Revoked since it was cached: full validation refuses it with the reason.
            cache.Remove(token);
            return;
        }

        context.Principal = principal;
        context.Properties.ExpiresUtc = expires;
        context.Success();
    }

    public static void OnTokenValidated(TokenValidatedContext context, ValidatedTokenCache cache)
    {
        if (context.SecurityToken is JsonWebToken { SigningKey: { } key } token
            && context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity
            && token.ValidTo > DateTime.MinValue)
        {
            cache.Add(token.EncodedToken, identity, new DateTimeOffset(token.ValidTo, TimeSpan.Zero), key);
        }
    }

    /// <summary>
    /// The keys a token may be signed with right now: the configured key(s), or the external issuer's
    /// current JWKS (a refresh brings new key objects, so entries verified by the old ones miss).
    /// A key resolver makes keys unknowable here: nothing then counts as current.
    /// </summary>
    private static async Task<IReadOnlyCollection<SecurityKey>> CurrentSigningKeysAsync(JwtBearerOptions options, CancellationToken cancellationToken)
    {
        var parameters = options.TokenValidationParameters;
        if (parameters.IssuerSigningKeyResolver is not null || parameters.IssuerSigningKeyResolverUsingConfiguration is not null)
        {
            return [];
        }

        List<SecurityKey> keys = [];
        if (parameters.IssuerSigningKey is { } key)
        {
            keys.Add(key);
        }

        if (parameters.IssuerSigningKeys is { } configured)
        {
            keys.AddRange(configured);
        }

        if (options.ConfigurationManager is { } manager)
        {
            var configuration = await manager.GetConfigurationAsync(cancellationToken);
            keys.AddRange(configuration.SigningKeys);
        }

        return keys;
    }
}
