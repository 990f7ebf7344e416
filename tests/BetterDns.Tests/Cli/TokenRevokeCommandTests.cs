using System.Net;
using BetterDns.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using static BetterDns.Tests.Cli.TokenCommandTests;

namespace BetterDns.Tests.Cli;

/// <summary>
/// Issue 12 row 12: `betterdns token revoke`, run as its own process next to a running service, kills
/// one stolen token (by id) or every token of a subject, within a bounded wait, and the revocation
/// survives a restart of the service.
/// </summary>
public sealed class TokenRevokeCommandTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ARevokedIdIsRefusedByTheRunningServiceAndAfterARestart()
    {
        var directory = TempDirectory.Create();
        try
        {
            string stolen;
            await using (var app = new BetterDnsApplication(directory))
            {
                stolen = app.CreateToken("vm-stolen", false, ["stolen-*"]);
                var attacker = app.CreateClient(stolen);
                var owner = app.CreateVmClient("vm-stolen", "stolen-*");
                Assert.Equal(HttpStatusCode.Created, (await attacker.RegisterAsync("stolen-1", "10.3.26.1")).StatusCode);

                var (exit, output, error) = await RunCliAsync(directory, "token", "revoke", "--id", new JsonWebToken(stolen).Id);
                Assert.True(exit == 0, error);
                Assert.Contains(new JsonWebToken(stolen).Id, output);

                var refused = await Eventually.WaitForAsync(
                    () => attacker.RegisterAsync("stolen-2", "10.3.26.2"), r => r.StatusCode == HttpStatusCode.Unauthorized, Bounded, "the revocation");
                Assert.Contains("revoked", (await refused.AssertProblemAsync(HttpStatusCode.Unauthorized)).Detail());
                Assert.Equal(HttpStatusCode.OK, (await owner.GetNameAsync("stolen-1")).StatusCode);
            }

            await using var restarted = new BetterDnsApplication(directory);
            await (await restarted.CreateClient(stolen).GetAsync("/a")).AssertProblemAsync(HttpStatusCode.Unauthorized);
            var (_, listed, _) = await RunCliAsync(directory, "token", "list-revoked");
            Assert.Contains(new JsonWebToken(stolen).Id, listed);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task ARevokedSubjectIsRefusedByTheRunningService()
    {
        var directory = TempDirectory.Create();
        try
        {
            await using var app = new BetterDnsApplication(directory);
            var gone = app.CreateVmClient("vm-fired", "fired-*");
            var stays = app.CreateVmClient("vm-kept", "kept-*");
            Assert.Equal(HttpStatusCode.OK, (await gone.GetAsync("/a")).StatusCode);

            var (exit, _, error) = await RunCliAsync(directory, "token", "revoke", "--sub", "vm-fired");
            Assert.True(exit == 0, error);

            await Eventually.WaitForAsync(() => gone.GetAsync("/a"), r => r.StatusCode == HttpStatusCode.Unauthorized, Bounded, "the revocation of vm-fired");
            Assert.Equal(HttpStatusCode.OK, (await stays.GetAsync("/a")).StatusCode);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Theory]
    [InlineData("token", "revoke")]
    [InlineData("token", "revoke", "--id", "abc", "--sub", "vm-1")]
    [InlineData("token", "revoke", "--sub", " ")]
    public async Task ARevocationMustNameExactlyOneTokenOrSubject(params string[] args)
    {
        var directory = TempDirectory.Create();
        try
        {
            var (exit, _, error) = await RunCliAsync(directory, args);

            Assert.Equal(2, exit);
            Assert.Contains("--", error);
            Assert.False(File.Exists(Path.Combine(directory, BetterDns.Auth.Revocation.RevocationFile.FileName)));
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
