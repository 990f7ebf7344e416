using Microsoft.IdentityModel.Tokens;

namespace BetterDns.Auth;

/// <summary>
/// A token whose signature, issuer, audience and times are fine, refused by a BetterDns rule (no
/// subject, too long a lifetime, revoked); its message completes "The bearer token was rejected: …".
/// </summary>
public sealed class TokenRefusedException(string reason) : SecurityTokenValidationException(reason);
