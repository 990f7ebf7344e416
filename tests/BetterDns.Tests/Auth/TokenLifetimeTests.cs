using System.Net;
using BetterDns.Auth;
using BetterDns.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace BetterDns.Tests.Auth;

/// <summary>
/// Issue 12 row 12, the service's side: a token signed with the right key but living longer than
/// Auth:MaxTokenLifetime (365 days by default) is refused with 401, however it says so (exp−iat too long,
/// no iat and an exp too far ahead, a back-dated iat), and every minted token has an id of its own.
/// </summary>
public sealed class TokenLifetimeTests(BetterDnsApplication app) : IClassFixture<BetterDnsApplication>
{
    private static readonly long Year9999 = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    public static TheoryData<string> TooLongLived => ["100-years", "year-9999", "year-9999-no-iat", "back-dated-iat", "366-days"];

    [Theory]
    [MemberData(nameof(TooLongLived))]
    public async Task ATokenLivingLongerThanTheMaximumAnswers401Problem(string kind)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        const long day = 86_400;
        var claims = CraftedToken.Claims(app, names: "long-*");
        switch (kind)
        {
            case "100-years":
                claims["exp"] = now + (36_500 * day);
                break;
            case "year-9999":
                claims["exp"] = Year9999;
                break;
            case "year-9999-no-iat":
                claims.Remove("iat");
                claims["exp"] = Year9999;
                break;
            case "back-dated-iat":
                claims["iat"] = now - (400 * day);
                claims["nbf"] = now - (400 * day);
                claims["exp"] = now + day;
                break;
            case "366-days":
                claims["exp"] = now + (366 * day);
                break;
        }

        var client = app.CreateClient(CraftedToken.Sign(app, claims));

        var write = await client.RegisterAsync("long-" + kind, "10.3.21.1");
        var read = await client.GetAsync("/a");

        var problem = await write.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Auth:MaxTokenLifetime", problem.Detail());
        await read.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateAdminClient().GetNameAsync("long-" + kind)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ATokenOfExactlyTheMaximumLifetimeIsAccepted()
    {
        var claims = CraftedToken.Claims(app, names: "long-*");
        claims["exp"] = (long)claims["iat"] + (long)AuthOptions.DefaultMaxTokenLifetime.TotalSeconds;

        var response = await app.CreateClient(CraftedToken.Sign(app, claims)).RegisterAsync("long-max", "10.3.21.2");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public void TheIssuerRefusesToMintBeyondTheMaximum()
    {
        var key = app.Services.GetRequiredService<SigningKeyStore>().Key;

        Assert.Throws<ArgumentException>(() => TokenIssuer.Create(
            new TokenRequest("vm-long", false, ["long-*"], app.AuthOptions.MaxTokenLifetime + TimeSpan.FromSeconds(1)), key, app.AuthOptions));
    }

    [Fact]
    public void EveryMintedTokenHasItsOwnId()
    {
        var ids = Enumerable.Range(0, 20)
            .Select(_ => new JsonWebToken(app.CreateToken("vm-same", false, ["same-*"])).Id)
            .ToArray();

        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public async Task AConfiguredMaximumIsEnforced()
    {
        await using var shortLived = new BetterDnsApplication(null, new Dictionary<string, string?> { ["Auth:MaxTokenLifetime"] = "1.00:00:00" });
        var claims = CraftedToken.Claims(shortLived, names: "short-*");
        claims["exp"] = (long)claims["iat"] + (2 * 86_400);

        await (await shortLived.CreateClient(CraftedToken.Sign(shortLived, claims)).RegisterAsync("short-1", "10.3.21.3"))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Created, (await shortLived.CreateVmClient("vm-short", "short-*").RegisterAsync("short-2", "10.3.21.4")).StatusCode);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    [InlineData("3651.00:00:00")]
    public async Task AnInvalidMaximumStopsTheHostAtStartUpWithItsName(string value)
    {
        var directory = TempDirectory.Create();
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Auth:MaxTokenLifetime"] = value,
                ["Storage:DataDirectory"] = directory,
            });
            builder.AddBetterDnsAuth();
            using var host = builder.Build();

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

            Assert.Contains("MaxTokenLifetime", error.Message);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
