using System.Net;
using BetterDns.Auth;
using BetterDns.Auth.Revocation;
using BetterDns.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace BetterDns.Tests.Auth;

/// <summary>
/// Issue 12 row 12, killing one token: revocations written to the data directory the way
/// `betterdns token revoke` writes them (another process) stop a token the service has already cached,
/// within a bounded wait, by id or by subject, leave the others alone, and survive a restart.
/// </summary>
public sealed class TokenRevocationTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ACachedTokenRevokedByIdIsRefusedWhileItsSiblingsWork()
    {
        await using var app = new BetterDnsApplication();
        var stolen = app.CreateToken("vm-rev", false, ["rev-*"]);
        var sibling = app.CreateClient(app.CreateToken("vm-rev", false, ["rev-*"]));
        var attacker = app.CreateClient(stolen);
        Assert.Equal(HttpStatusCode.Created, (await attacker.RegisterAsync("rev-1", "10.3.23.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/a")).StatusCode);
        Assert.True(app.Services.GetRequiredService<ValidatedTokenCache>().Count > 0);

        RevocationFile.Update(RevocationFile.PathIn(app.DataDirectory), list => list.RevokeToken(new JsonWebToken(stolen).Id, DateTimeOffset.UtcNow));

        var refused = await Eventually.WaitForAsync(
            () => attacker.RegisterAsync("rev-2", "10.3.23.2"), r => r.StatusCode == HttpStatusCode.Unauthorized, Bounded, "the revocation");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.Detail());
        await (await attacker.GetAsync("/a")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await attacker.RemoveAsync("rev-1")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await sibling.GetNameAsync("rev-1")).StatusCode);
    }

    [Fact]
    public async Task RevokingASubjectRefusesItsEarlierTokensAndNotItsLaterOnes()
    {
        await using var app = new BetterDnsApplication();
        var key = app.Services.GetRequiredService<SigningKeyStore>().Key;
        var earlier = app.CreateClient(TokenIssuer.Create(
            new TokenRequest("vm-gone", false, ["gone-*"], TimeSpan.FromHours(1)) { Addresses = ["10.3.0.0/16"] }, key, app.AuthOptions, new FixedClock(DateTimeOffset.UtcNow.AddMinutes(-5))));
        var other = app.CreateVmClient("vm-stays", "stays-*");
        Assert.Equal(HttpStatusCode.Created, (await earlier.RegisterAsync("gone-1", "10.3.23.3")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await other.RegisterAsync("stays-1", "10.3.23.4")).StatusCode);

        var revokedAt = DateTimeOffset.UtcNow;
        RevocationFile.Update(RevocationFile.PathIn(app.DataDirectory), list => list.RevokeSubject("vm-gone", revokedAt));

        var refused = await Eventually.WaitForAsync(
            () => earlier.GetAsync("/a"), r => r.StatusCode == HttpStatusCode.Unauthorized, Bounded, "the revocation of vm-gone");
        Assert.Contains("vm-gone", (await refused.AssertProblemAsync(HttpStatusCode.Unauthorized)).Detail());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/a")).StatusCode);
        // A token minted after the revocation (in a later second: iat has whole seconds) works.
        var later = app.CreateClient(TokenIssuer.Create(
            new TokenRequest("vm-gone", false, ["gone-*"], TimeSpan.FromHours(1)) { Addresses = ["10.3.0.0/16"] }, key, app.AuthOptions, new FixedClock(revokedAt.AddSeconds(2))));
        Assert.Equal(HttpStatusCode.OK, (await later.GetNameAsync("gone-1")).StatusCode);
    }

    [Fact]
    public async Task RevocationsSurviveARestart()
    {
        var directory = TempDirectory.Create();
        try
        {
            string token;
            await using (var first = new BetterDnsApplication(directory))
            {
                token = first.CreateToken("vm-restart-rev", false, ["restart-rev-*"]);
                Assert.Equal(HttpStatusCode.OK, (await first.CreateClient(token).GetAsync("/a")).StatusCode);
                RevocationFile.Update(RevocationFile.PathIn(directory), list => list.RevokeToken(new JsonWebToken(token).Id, DateTimeOffset.UtcNow));
            }

            await using var second = new BetterDnsApplication(directory);

            var problem = await (await second.CreateClient(token).GetAsync("/a")).AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Contains("revoked", problem.Detail());
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task AnUnreadableRevocationListStopsStartUpInsteadOfForgettingRevocations()
    {
        var directory = TempDirectory.Create();
        try
        {
            await File.WriteAllTextAsync(RevocationFile.PathIn(directory), "{ not json");
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory });
            builder.AddBetterDnsAuth();
            using var host = builder.Build();

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => host.StartAsync());

            Assert.Contains(RevocationFile.FileName, error.Message);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public void RevokingTwiceKeepsOneEntryAndConcurrentWritersBothLand()
    {
        var directory = TempDirectory.Create();
        try
        {
            var path = RevocationFile.PathIn(directory);
            var now = DateTimeOffset.UtcNow;
            Parallel.For(0, 16, i => RevocationFile.Update(path, list => list.RevokeToken($"id-{i % 8}", now)));

            var list = RevocationFile.Load(path);

            Assert.Equal(Enumerable.Range(0, 8).Select(i => $"id-{i}"), list.TokenIds.Keys.Order());
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
