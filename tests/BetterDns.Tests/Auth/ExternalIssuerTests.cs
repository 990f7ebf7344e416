using System.Net;
using System.Security.Cryptography;
using BetterDns.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BetterDns.Tests.Auth;

/// <summary>
/// Auth:Authority: a real OIDC discovery document and JWKS served on loopback; tokens that issuer signs
/// (RS256) are accepted, tokens signed with the local HS256 key are not.
/// </summary>
public sealed class ExternalIssuerTests : IAsyncLifetime
{
    private readonly RSA _rsa = RSA.Create(2048);
    private WebApplication? _issuer;
    private string _authority = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _issuer = builder.Build();
        var publicKey = _rsa.ExportParameters(includePrivateParameters: false);
        _issuer.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _authority,
            ["jwks_uri"] = _authority + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _issuer.MapGet("/jwks", () => Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = "issuer-key",
                    ["n"] = Base64UrlEncoder.Encode(publicKey.Modulus), ["e"] = Base64UrlEncoder.Encode(publicKey.Exponent),
                },
            },
        }));
        await _issuer.StartAsync();
        _authority = _issuer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async Task DisposeAsync()
    {
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }

        _rsa.Dispose();
    }

    [Fact]
    public async Task TokensFromTheConfiguredIssuerAreAcceptedAndLocalOnesAreNot()
    {
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?>
        {
            ["Auth:Authority"] = _authority,
            ["Auth:RequireHttpsMetadata"] = "false",
        });

        // The audience the issuer must write is the zone origin by default, as for local tokens.
        var external = await app.CreateClient(IssuerToken(_authority, "cluster.internal.")).RegisterAsync("oidc-1", "10.11.0.1");
        var local = await app.CreateVmClient("vm-local", "oidc-*").RegisterAsync("oidc-2", "10.11.0.2");
        var foreign = await app.CreateClient(IssuerToken("http://127.0.0.1:1", "cluster.internal.")).RegisterAsync("oidc-3", "10.11.0.3");
        var otherZone = await app.CreateClient(IssuerToken(_authority, "betterdns")).RegisterAsync("oidc-4", "10.11.0.4");

        Assert.Equal(HttpStatusCode.Created, external.StatusCode);
        Assert.Equal("vm-oidc", (await external.ReadJsonAsync()).Str("owner"));
        await local.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await foreign.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await otherZone.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private string IssuerToken(string issuer, string audience)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = "vm-oidc", ["role"] = "vm", ["names"] = new[] { "oidc-*" }, ["ips"] = new[] { "10.11.0.0/24" } },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "issuer-key" }, SecurityAlgorithms.RsaSha256),
        });
    }
}
