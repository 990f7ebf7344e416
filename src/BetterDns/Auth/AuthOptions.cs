using System.ComponentModel.DataAnnotations;

namespace BetterDns.Auth;

/// <summary>
/// The <c>Auth</c> section. Either an HS256 signing key (configured, or generated into the data
/// directory on first run) or an external OIDC issuer (<see cref="Authority"/>).
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The default issuer of the tokens `betterdns token create` signs.</summary>
    public const string DefaultIssuer = "betterdns";

    /// <summary>The default <see cref="MaxTokenLifetime"/>: a year, so a VM's boot token outlives most VMs but not forever.</summary>
    public static readonly TimeSpan DefaultMaxTokenLifetime = TimeSpan.FromDays(365);

    /// <summary>Base64 HS256 key of at least 32 bytes; when empty, <c>&lt;data&gt;/signing.key</c> is used (and created).</summary>
    public string? SigningKey { get; set; }

    /// <summary>An external OIDC issuer (its metadata and JWKS sign the tokens instead of the local key).</summary>
    public string? Authority { get; set; }

    /// <summary>Whether the external issuer's metadata must be fetched over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    [Required]
    public string Issuer { get; set; } = DefaultIssuer;

    /// <summary>
    /// The <c>aud</c> tokens are minted for and must carry; empty (the default) means the zone origin
    /// (<c>Zone:Origin</c>, lower case with its trailing dot), so zones sharing a signing key or an
    /// issuer do not accept each other's tokens. Filled in by <see cref="TokenAudience"/>.
    /// </summary>
    public string Audience { get; set; } = "";

    /// <summary>
    /// The longest a token may live: `token create --expires` beyond it is refused, and a token whose
    /// <c>exp</c> lies further than this after its <c>iat</c>, or after now, is rejected.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxTokenLifetime { get; set; } = DefaultMaxTokenLifetime;

    /// <summary>Let VM tokens list every owner's records (GET /a); by default a VM sees only its own.</summary>
    public bool VmsSeeAllRecords { get; set; }

    /// <summary>How often the revocation list (<c>&lt;data&gt;/revoked-tokens.json</c>, written by `token revoke`) is checked for changes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan RevocationPollInterval { get; set; } = TimeSpan.FromSeconds(1);

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
