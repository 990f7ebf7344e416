using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BetterDns.Auth;

/// <summary>Signs BetterDns tokens (HS256) with the same key, issuer and audience the service validates.</summary>
public static class TokenIssuer
{
    public static string Create(TokenRequest request, SymmetricSecurityKey key, AuthOptions options, TimeProvider? clock = null)
    {
        if (request.Lifetime > options.MaxTokenLifetime || string.IsNullOrWhiteSpace(request.Subject) || string.IsNullOrWhiteSpace(options.Audience))
        {
            // The CLI explains these rules to the operator; this guard keeps any other caller inside them.
            throw new ArgumentException(
                $"A token needs a subject, an audience (its zone) and a lifetime of at most Auth:MaxTokenLifetime ({options.MaxTokenLifetime}).",
                nameof(request));
        }

        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [BetterDnsClaims.Subject] = request.Subject,
            [BetterDnsClaims.Role] = request.IsAdmin ? BetterDnsClaims.Roles.Admin : BetterDnsClaims.Roles.Vm,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (request.NamePatterns.Count > 0)
        {
            claims[BetterDnsClaims.Names] = request.NamePatterns.ToArray();
        }

        if (request.Addresses.Count > 0)
        {
            claims[BetterDnsClaims.Addresses] = request.Addresses.ToArray();
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + request.Lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
