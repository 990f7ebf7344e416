using System.Net;
using BetterDns.Auth;
using BetterDns.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BetterDns.Tests.Auth;

/// <summary>
/// The validated-token cache inside the real service: a cached token stops working at its expiry and when
/// the signing key changes, and two cached tokens keep their own subjects and rights.
/// </summary>
public sealed class TokenCacheThroughTheApiTests
{
    [Fact]
    public async Task ACachedTokenIsRejectedOnceItExpires()
    {
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?> { ["Auth:ClockSkew"] = "00:00:00" });
        var token = app.CreateToken("vm-brief", false, ["brief-*"], TimeSpan.FromSeconds(2));
        var expires = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).ValidTo;
        var client = app.CreateClient(token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/a")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/a")).StatusCode);
        Assert.Equal(1, app.Services.GetRequiredService<ValidatedTokenCache>().Count);

        await Task.Delay(expires - DateTime.UtcNow + TimeSpan.FromMilliseconds(100));
        var response = await client.GetAsync("/a");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem.Detail());
    }

    [Fact]
    public async Task ACachedTokenIsRejectedOnceItsSigningKeyIsReplaced()
    {
        await using var app = new BetterDnsApplication();
        var client = app.CreateVmClient("vm-rekeyed", "rekeyed-*");
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync("rekeyed-1", "10.3.9.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/a")).StatusCode);

        var jwt = app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var newKey = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        jwt.TokenValidationParameters.IssuerSigningKey = newKey;

        await (await client.RegisterAsync("rekeyed-2", "10.3.9.2")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var renewed = TokenIssuer.Create(new TokenRequest("vm-rekeyed", false, ["rekeyed-*"], TimeSpan.FromHours(1)) { Addresses = ["10.3.9.0/24"] }, newKey, app.AuthOptions);
        Assert.Equal(HttpStatusCode.Created, (await app.CreateClient(renewed).RegisterAsync("rekeyed-2", "10.3.9.2")).StatusCode);
    }

    [Fact]
    public async Task TwoCachedTokensKeepTheirOwnSubjectsAndRights()
    {
        await using var app = new BetterDnsApplication();
        var first = app.CreateVmClient("vm-first", "shared-*");
        var second = app.CreateVmClient("vm-second", "shared-*");
        var admin = app.CreateAdminClient();

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(HttpStatusCode.Created, (await first.RegisterAsync($"shared-first-{round}", $"10.3.8.{round + 1}")).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await second.RegisterAsync($"shared-second-{round}", $"10.3.8.{round + 101}")).StatusCode);
        }

        await (await second.RemoveAsync("shared-first-0")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await first.RemoveAsync("shared-second-0")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await first.GetAsync("/")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/")).StatusCode);
        var owner = (await (await admin.GetNameAsync("shared-second-2")).ReadJsonAsync()).GetProperty("records")[0].Str("owner");
        Assert.Equal("vm-second", owner);
        Assert.Equal(HttpStatusCode.NoContent, (await first.RemoveAsync("shared-first-0")).StatusCode);
    }
}
