using BetterDns.Auth.Revocation;
using BetterDns.Hosting;
using BetterDns.Registry.Options;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BetterDns.Auth;

/// <summary>JWT bearer authentication (local HS256 key or an external OIDC issuer) and the policies the endpoints use.</summary>
public static class AuthExtensions
{
    public static IHostApplicationBuilder AddBetterDnsAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthOptions().ValidateOnStart();
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddSingleton(services => new TokenRevocations(
            RevocationFile.PathIn(DataDirectory.Resolve(services.GetRequiredService<IConfiguration>()))));
        builder.Services.AddHostedService<RevocationReloader>();
        // The system clock, as the token validation's own lifetime check (not the app's TimeProvider).
        builder.Services.AddSingleton(services => new ValidatedTokenCache(
            TimeProvider.System, services.GetRequiredService<IOptions<AuthOptions>>().Value.TokenCacheSize));
        builder.Services.AddSingleton<IAuthorizationHandler, ReadAccessHandler>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, SigningKeyStore, ValidatedTokenCache, TokenRevocations>(Configure);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Registrant, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(BetterDnsClaims.Subject)
                .RequireAssertion(context => context.User.HasKnownRole()))
            .AddPolicy(Policies.Admin, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(BetterDnsClaims.Subject)
                .RequireClaim(BetterDnsClaims.Role, BetterDnsClaims.Roles.Admin))
            .AddPolicy(Policies.Reader, policy => policy.AddRequirements(new ReadAccessRequirement()));
        return builder;
    }

    /// <summary>
    /// The Auth section as the service and the CLI both read it: bound, validated, and its audience
    /// defaulting to the zone origin (so the Zone section is bound too).
    /// </summary>
    public static OptionsBuilder<AuthOptions> AddAuthOptions(this IServiceCollection services)
    {
        services.AddOptions<ZoneOptions>().BindConfiguration(ZoneOptions.Section);
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<IPostConfigureOptions<AuthOptions>, TokenAudience>();
        return services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations();
    }

    private static void Configure(
        JwtBearerOptions jwt, IOptions<AuthOptions> authOptions, SigningKeyStore keys, ValidatedTokenCache tokens, TokenRevocations revocations)
    {
        var auth = authOptions.Value;
        // Keep the JWT's own claim names ("sub", "role", "names") instead of the legacy XML-schema URIs.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = auth.Issuer,
            ValidateAudience = true,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = auth.ClockSkew,
            NameClaimType = BetterDnsClaims.Subject,
            RoleClaimType = BetterDnsClaims.Role,
        };

        if (string.IsNullOrWhiteSpace(auth.Authority))
        {
            jwt.TokenValidationParameters.IssuerSigningKey = keys.Key;
            jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        else
        {
            // The issuer's discovery document and JWKS provide keys and the issuer name.
            jwt.Authority = auth.Authority;
            jwt.Audience = auth.Audience;
            jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            if (auth.Issuer == AuthOptions.DefaultIssuer)
            {
                jwt.TokenValidationParameters.ValidIssuer = null;
            }
        }

        jwt.Events = new JwtBearerEvents
        {
            OnChallenge = AuthProblems.WriteChallengeAsync,
            OnForbidden = AuthProblems.WriteForbiddenAsync,
            OnMessageReceived = context => CachedTokenEvents.OnMessageReceivedAsync(context, tokens, revocations),
            OnTokenValidated = context =>
            {
                // Signature, issuer, audience and times passed; BetterDns's own rules come before the cache.
                if (TokenAcceptance.Refusal(context, auth, revocations) is { } refusal)
                {
                    context.Fail(new TokenRefusedException(refusal));
                }
                else
                {
                    CachedTokenEvents.OnTokenValidated(context, tokens);
                }

                return Task.CompletedTask;
            },
        };
    }
}
