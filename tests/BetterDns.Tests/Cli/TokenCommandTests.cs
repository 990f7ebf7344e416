using System.Net;
using BetterDns.Cli;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Cli;

/// <summary>`betterdns token create`, run as its own process, prints tokens the service accepts.</summary>
public sealed class TokenCommandTests
{
    [Fact]
    public async Task ATokenFromTheCliRegistersANameItsPatternsAllow()
    {
        var directory = TempDirectory.Create();
        try
        {
            var (exit, token, error) = await RunCliAsync(directory, "token", "create", "--sub", "vm-cli", "--names", "cli-*", "--ips", "10.10.0.1", "--expires", "1h");
            Assert.True(exit == 0, error);

            await using var app = new BetterDnsApplication(directory);
            var client = app.CreateClient(token.Trim());
            var created = await (await client.RegisterAsync("cli-1", "10.10.0.1")).ReadJsonAsync();

            Assert.Equal("vm-cli", created.Str("owner"));
            await (await client.RegisterAsync("other-1", "10.10.0.1")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task AnAdminTokenFromTheCliReadsTheManifest()
    {
        var directory = TempDirectory.Create();
        try
        {
            await using var app = new BetterDnsApplication(directory);
            app.CreateClient();
            var (exit, token, error) = await RunCliAsync(directory, "token", "create", "--sub", "ops", "--role", "admin");
            Assert.True(exit == 0, error);

            var response = await app.CreateClient(token.Trim()).GetAsync("/");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task AVmTokenWithoutNamesIsRefused()
    {
        var directory = TempDirectory.Create();
        try
        {
            var (exit, token, error) = await RunCliAsync(directory, "token", "create", "--sub", "vm-none");

            Assert.Equal(2, exit);
            Assert.Empty(token);
            Assert.Contains("--names", error);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public Task IpsGrantTheListedAddressesAndRangesAndNothingElse() => InTempDirectoryAsync(async directory =>
    {
        var (exit, token, error) = await RunCliAsync(directory, "token", "create", "--sub", "vm-ips", "--names", "ips-*", "--ips", "10.10.1.0/24,10.10.2.5");
        Assert.True(exit == 0, error);

        await using var app = new BetterDnsApplication(directory);
        var client = app.CreateClient(token.Trim());

        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync("ips-1", "10.10.1.77")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync("ips-2", "10.10.2.5")).StatusCode);
        var refused = await (await client.RegisterAsync("ips-3", "10.10.3.1")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("10.10.1.0/24, 10.10.2.5", refused.GetProperty("errors").GetProperty("ip")[0].GetString());
    });

    [Theory]
    [InlineData("10.0.1.5/24", "host bits")]
    [InlineData("10.0.0", "not an IPv4 address")]
    [InlineData("10.0.0.5,fe80::1", "not an IPv4 address")]
    public Task BadIpsAreRefusedAndNoTokenIsPrinted(string ips, string rule) => InTempDirectoryAsync(async directory =>
    {
        var (exit, token, error) = await RunCliAsync(directory, "token", "create", "--sub", "vm-bad-ips", "--names", "x-*", "--ips", ips);

        Assert.Equal(2, exit);
        Assert.Empty(token);
        Assert.Contains("--ips", error);
        Assert.Contains(rule, error);
    });

    /// <summary>Issue 12 rows 12, 13 and 16: what an operator could mint before, refused with the rule it breaks.</summary>
    [Theory]
    [InlineData("Auth:MaxTokenLifetime", "--sub", "vm-long", "--names", "web-*", "--expires", "36500d")]
    [InlineData("Auth:MaxTokenLifetime", "--sub", "vm-9999", "--names", "web-*", "--expires", "2913000d")]
    [InlineData("Auth:MaxTokenLifetime", "--sub", "vm-conf", "--names", "web-*", "--expires", "3d", "--Auth:MaxTokenLifetime=2.00:00:00")]
    [InlineData("--sub", "--sub", " ", "--names", "web-*")]
    [InlineData("--sub", "--sub", "", "--role", "admin")]
    [InlineData("--names", "--sub", "vm-dots", "--names", "web..*")]
    [InlineData("--names", "--sub", "vm-odd", "--names", "web_*")]
    public async Task TokensBreakingARuleAreNotMinted(string named, params string[] args)
    {
        var directory = TempDirectory.Create();
        try
        {
            var (exit, token, error) = await RunCliAsync(directory, ["token", "create", .. args]);

            Assert.Equal(2, exit);
            Assert.Empty(token);
            Assert.Contains(named, error);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task ATokenFromTheCliNamesItsZoneAndHasAnId()
    {
        var directory = TempDirectory.Create();
        try
        {
            var (exit, token, error) = await RunCliAsync(directory, "token", "create", "--Zone:Origin=Zone-A.Example", "--sub", "vm-aud", "--names", "aud-*");
            Assert.True(exit == 0, error);

            var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token.Trim());

            Assert.Equal(["zone-a.example."], jwt.Audiences);
            Assert.False(string.IsNullOrEmpty(jwt.Id));
            Assert.Equal(TimeSpan.FromHours(24), jwt.ValidTo - jwt.IssuedAt);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("24h", 86400)]
    [InlineData("7d", 604800)]
    [InlineData("2w", 1209600)]
    [InlineData("01:00:00", 3600)]
    public void LifetimesAcceptUnits(string text, int seconds)
    {
        Assert.True(TokenCommands.TryParseLifetime(text, out var lifetime));
        Assert.Equal(TimeSpan.FromSeconds(seconds), lifetime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1h")]
    [InlineData("0h")]
    [InlineData("soon")]
    [InlineData("12y")]
    public void LifetimesRejectNonsense(string text) => Assert.False(TokenCommands.TryParseLifetime(text, out _));

    private static async Task InTempDirectoryAsync(Func<string, Task> test)
    {
        var directory = TempDirectory.Create();
        try
        {
            await test(directory);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    internal static Task<(int Exit, string Stdout, string Stderr)> RunCliAsync(string dataDirectory, params string[] args) =>
        BetterDnsProcess.RunAsync(dataDirectory, new Dictionary<string, string> { ["BETTERDNS__Storage__DataDirectory"] = dataDirectory }, args);
}
