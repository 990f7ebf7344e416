using System.Text.Json;
using BetterDns.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BetterDns.Tests.Infrastructure;

/// <summary>
/// Tokens an attacker who holds the signing key (or a buggy issuer) could produce: any claims at all,
/// signed with the service's own key, so only BetterDns's rules stand between them and the API.
/// </summary>
public static class CraftedToken
{
    /// <summary>The claims of a valid one-hour VM token of <paramref name="subject"/> for <paramref name="app"/> (entitled to 10.3.0.0/16); edit them to break a rule.</summary>
    public static Dictionary<string, object> Claims(BetterDnsApplication app, string subject = "vm-crafted", string role = "vm", string names = "auth-*")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["role"] = role,
            ["names"] = new[] { names },
            ["ips"] = new[] { "10.3.0.0/16" },
            ["iss"] = app.AuthOptions.Issuer,
            ["aud"] = app.AuthOptions.Audience,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
        };
    }

    public static string Sign(BetterDnsApplication app, Dictionary<string, object> claims, string algorithm = SecurityAlgorithms.HmacSha256, SymmetricSecurityKey? key = null)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var payload = JsonSerializer.Serialize(claims);
        return handler.CreateToken(payload, new SigningCredentials(key ?? app.Services.GetRequiredService<SigningKeyStore>().Key, algorithm));
    }
}
