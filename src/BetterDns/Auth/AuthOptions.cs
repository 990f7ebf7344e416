using System.ComponentModel.DataAnnotations;

namespace BetterDns.Auth;

/// <summary>
/// The <c>Auth</c> section. Either an HS256 signing key (configured, or generated into the data
/// directory on first run) or an external OIDC issuer (<see cref="Authority"/>).
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The default issuer and audience of the tokens `betterdns token create` signs.</summary>
    public const string DefaultIssuer = "betterdns";

    /// <summary>Base64 HS256 key of at least 32 bytes; when empty, <c>&lt;data&gt;/signing.key</c> is used (and created).</summary>
    public string? SigningKey { get; set; }

    /// <summary>An external OIDC issuer (its metadata and JWKS sign the tokens instead of the local key).</summary>
    public string? Authority { get; set; }

    /// <summary>Whether the external issuer's metadata must be fetched over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    [Required]
    public string Issuer { get; set; } = DefaultIssuer;

    [Required]
    public string Audience { get; set; } = DefaultIssuer;

    /// <summary>Let GET /a and GET /a/{name} answer without a token.</summary>
    public bool AllowAnonymousReads { get; set; }

    /// <summary>How far clocks of the issuer and this service may disagree.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many validated tokens to remember (each until its expiry, while its signing key is current), so a
    /// client that sends the same token again is not parsed and verified again; 0 validates every request in full.
    /// </summary>
    [Range(0, 1_000_000)]
    public int TokenCacheSize { get; set; } = ValidatedTokenCache.DefaultCapacity;
}
