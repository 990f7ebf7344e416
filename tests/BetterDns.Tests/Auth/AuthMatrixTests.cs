using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BetterDns.Auth;
using BetterDns.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BetterDns.Tests.Auth;

/// <summary>Every way a token can be wrong is refused with 401 or 403 and a problem body; nothing is registered.</summary>
public sealed class AuthMatrixTests(BetterDnsApplication app) : IClassFixture<BetterDnsApplication>
{
    public static TheoryData<string> RejectedTokens =>
    [
        "missing", "garbage", "expired", "not-yet-valid", "wrong-signature", "alg-none", "alg-none-with-signature",
        "wrong-issuer", "wrong-audience", "no-audience", "hs512", "no-expiry",
    ];

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task WritesWithABadTokenAnswer401Problem(string kind)
    {
        var client = app.CreateClient(Token(kind));

        var response = await client.RegisterAsync("auth-" + kind, "10.3.0.1");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail()));
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        await (await app.CreateAdminClient().GetNameAsync("auth-" + kind)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task ReadsWithABadTokenAnswer401Problem(string kind)
    {
        var response = await app.CreateClient(Token(kind)).GetAsync("/a");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnExpiredTokenIsExplainedAsExpired()
    {
        var response = await app.CreateClient(Token("expired")).RegisterAsync("auth-expired-detail", "10.3.0.1");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem.Detail());
    }

    [Fact]
    public async Task AMissingTokenIsExplained()
    {
        var response = await app.CreateClient(token: null).DeleteAsync("/a/auth-none");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("bearer token", problem.Detail());
    }

    [Fact]
    public async Task AVmOnTheAdminOnlyManifestAnswers403Problem()
    {
        var response = await app.CreateVmClient("vm-manifest", "web-*").GetAsync("/");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("admin", problem.Detail());
    }

    [Fact]
    public async Task AVmOnAnotherVmsNameAnswers403Problem()
    {
        await app.CreateVmClient("vm-victim", "victim-*").RegisterAsync("victim-1", "10.3.1.1");

        var response = await app.CreateVmClient("vm-attacker", "victim-*").RemoveAsync("victim-1");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ATokenWithAnUnknownRoleAnswers403Problem()
    {
        var response = await app.CreateClient(Sign(Claims(role: "root"))).RegisterAsync("auth-root", "10.3.2.1");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ATokenWithoutASubjectAnswers401Problem()
    {
        // Was 403 (the registrant policy's claim requirement); a token without an owner is now not a valid token at all.
        var claims = Claims();
        claims.Remove("sub");

        var response = await app.CreateClient(Sign(claims)).RegisterAsync("auth-nosub", "10.3.2.2");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("subject", problem.Detail());
    }

    [Fact]
    public async Task AProblemIsJsonEvenWhenTheClientAsksForTheZoneFile()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/dns"));

        var response = await app.CreateClient(token: null).SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AValidVmTokenIsAccepted()
    {
        var response = await app.CreateClient(Sign(Claims())).RegisterAsync("auth-ok-1", "10.3.3.1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task NamesMayComeAsSeparateClaims()
    {
        var token = app.CreateToken("vm-multi", false, ["one-*", "two-*"]);

        var response = await app.CreateClient(token).RegisterAsync("two-1", "10.3.3.2");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private string? Token(string kind)
    {
        var now = DateTimeOffset.UtcNow;
        var key = (SymmetricSecurityKey)app.Services.GetRequiredService<SigningKeyStore>().Key;
        var options = app.AuthOptions;
        var vm = new TokenRequest("vm-bad", false, ["auth-*"], TimeSpan.FromHours(1));
        return kind switch
        {
            "missing" => null,
            "garbage" => "not-a-jwt",
            "expired" => TokenIssuer.Create(vm, key, options, new FixedClock(now.AddHours(-3))),
            "not-yet-valid" => TokenIssuer.Create(vm, key, options, new FixedClock(now.AddHours(1))),
            "wrong-signature" => TokenIssuer.Create(vm, new SymmetricSecurityKey(new byte[32]), options),
            "alg-none" => Unsigned(Claims(), signature: ""),
            "alg-none-with-signature" => Unsigned(Claims(), signature: "c2lnbmF0dXJl"),
            "wrong-issuer" => TokenIssuer.Create(vm, key, Copy(options, issuer: "someone-else")),
            "wrong-audience" => TokenIssuer.Create(vm, key, Copy(options, audience: "another-service")),
            "hs512" => Sign(Claims(), SecurityAlgorithms.HmacSha512, new SymmetricSecurityKey([.. key.Key, .. key.Key])),
            "no-expiry" => Sign(Claims(expires: false)),
            "no-audience" => Sign(Without(Claims(), "aud")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private Dictionary<string, object> Claims(string role = "vm", bool expires = true)
    {
        var claims = CraftedToken.Claims(app, role: role);
        if (!expires)
        {
            claims.Remove("exp");
        }

        return claims;
    }

    private string Sign(Dictionary<string, object> claims, string algorithm = SecurityAlgorithms.HmacSha256, SymmetricSecurityKey? key = null) =>
        CraftedToken.Sign(app, claims, algorithm, key);

    private static Dictionary<string, object> Without(Dictionary<string, object> claims, string name)
    {
        claims.Remove(name);
        return claims;
    }

    private static string Unsigned(Dictionary<string, object> claims, string signature) =>
        Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Base64Url(JsonSerializer.Serialize(claims)) + "." + signature;

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private static AuthOptions Copy(AuthOptions options, string? issuer = null, string? audience = null) => new()
    {
        Issuer = issuer ?? options.Issuer,
        Audience = audience ?? options.Audience,
    };
}
