using System.Net;
using System.Security.Cryptography;
using BetterDns.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace BetterDns.Tests.Auth;

/// <summary>
/// Issue 12 row 10: two zones sharing Auth:SigningKey. A token names its zone as audience (the zone
/// origin by default), so zone A's VM cannot register in zone B and zone A's admin cannot read zone B.
/// Tokens of the old default audience ("betterdns") are refused unless Auth:Audience keeps it.
/// </summary>
public sealed class TokenAudienceTests
{
    private static readonly string SharedKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task ATokenOfOneZoneIsRefusedByAnotherZoneSharingItsKey()
    {
        await using var zoneA = Zone("a.example.");
        await using var zoneB = Zone("b.example.");

        var vmOfA = zoneA.CreateVmClient("vm-a", "web-*");
        var adminOfA = zoneA.CreateAdminClient("ops-a");

        Assert.Equal(HttpStatusCode.Created, (await vmOfA.RegisterAsync("web-1", "10.3.22.1")).StatusCode);
        var intoB = await zoneB.CreateClient(zoneA.CreateToken("vm-a", false, ["web-*"])).RegisterAsync("web-1", "10.3.22.1");
        var problem = await intoB.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("audience", problem.Detail());
        await (await zoneB.CreateClient(zoneA.CreateToken("ops-a", true, [])).GetAsync("/")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await zoneB.CreateClient(zoneA.CreateToken("ops-a", true, [])).GetAsync("/a")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await zoneB.CreateAdminClient().GetNameAsync("web-1")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await adminOfA.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await zoneB.CreateAdminClient().GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task TheAudienceIsTheZoneOriginByDefault()
    {
        await using var zone = Zone("Mixed.Example");

        var token = new JsonWebToken(zone.CreateToken("vm-aud", false, ["aud-*"]));

        Assert.Equal(["mixed.example."], token.Audiences);
    }

    [Fact]
    public async Task ATokenOfTheOldDefaultAudienceIsRefusedUnlessConfigured()
    {
        await using var zone = Zone("c.example.");
        var claims = CraftedToken.Claims(zone, names: "old-*");
        claims["aud"] = "betterdns";
        var old = CraftedToken.Sign(zone, claims);

        await (await zone.CreateClient(old).RegisterAsync("old-1", "10.3.22.2")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        // The migration: a zone that keeps Auth:Audience=betterdns accepts the tokens it minted before.
        await using var kept = Zone("c.example.", audience: "betterdns");
        Assert.Equal(HttpStatusCode.Created, (await kept.CreateClient(CraftedToken.Sign(kept, claims)).RegisterAsync("old-1", "10.3.22.2")).StatusCode);
    }

    private static BetterDnsApplication Zone(string origin, string? audience = null)
    {
        var settings = new Dictionary<string, string?> { ["Zone:Origin"] = origin, ["Auth:SigningKey"] = SharedKey };
        if (audience is not null)
        {
            settings["Auth:Audience"] = audience;
        }

        return new BetterDnsApplication(null, settings);
    }
}
