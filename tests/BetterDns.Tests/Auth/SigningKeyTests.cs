using System.Net;
using BetterDns.Auth;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Auth;

/// <summary>The HS256 key: generated once into the data directory (0600) and reused, or taken from configuration.</summary>
public sealed class SigningKeyTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheFirstStartGeneratesAKeyFileReadableOnlyByItsOwner()
    {
        await using var app = new BetterDnsApplication();
        app.CreateAdminClient();

        var path = Path.Combine(app.DataDirectory, SigningKeyStore.FileName);
        Assert.True(File.Exists(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.True(Convert.FromBase64String(await File.ReadAllTextAsync(path)).Length >= SigningKeyStore.MinimumKeyBytes);
    }

    [Fact]
    public void CreatorsRacingOnAFreshDirectoryAllEndWithTheOneKeyOnDisk()
    {
        // The service and `token create` may both create the key at first boot: a token signed with a
        // key that lost the race would be refused forever.
        for (var round = 0; round < 20; round++)
        {
            var directory = TempDirectory.Create();
            try
            {
                using var start = new Barrier(8);
                var keys = new byte[8][];
                var creators = Enumerable.Range(0, 8).Select(i => new Thread(() =>
                {
                    start.SignalAndWait();
                    keys[i] = SigningKeyStore.Load(new AuthOptions(), directory).Key;
                })).ToList();
                creators.ForEach(t => t.Start());
                creators.ForEach(t => t.Join());

                var onDisk = Convert.FromBase64String(File.ReadAllText(Path.Combine(directory, SigningKeyStore.FileName)));
                Assert.All(keys, key => Assert.Equal(onDisk, key));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task ALaterStartReusesTheKeySoOldTokensStayValid()
    {
        var directory = TempDirectory.Create();
        try
        {
            string token;
            await using (var first = new BetterDnsApplication(directory))
            {
                token = first.CreateToken("vm-keep", false, ["keep-*"]);
                Assert.Equal(HttpStatusCode.Created, (await first.CreateClient(token).RegisterAsync("keep-1", "10.5.0.1")).StatusCode);
            }

            await using var second = new BetterDnsApplication(directory);
            Assert.Equal(HttpStatusCode.OK, (await second.CreateClient(token).RegisterAsync("keep-1", "10.5.0.1")).StatusCode);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task AConfiguredKeySignsAndNoFileIsWritten()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?> { ["Auth:SigningKey"] = key });
        var token = TokenIssuer.Create(
            new TokenRequest("vm-configured", false, ["conf-*"], TimeSpan.FromMinutes(5)) { Addresses = ["10.5.1.1"] },
            new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(key)),
            new AuthOptions { Audience = app.AuthOptions.Audience });

        var response = await app.CreateClient(token).RegisterAsync("conf-1", "10.5.1.1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, SigningKeyStore.FileName)));
    }

    [Fact]
    public async Task AShortConfiguredKeyStopsStartUpWithAMessage()
    {
        var directory = TempDirectory.Create();
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["BETTERDNS__Storage__DataDirectory"] = directory,
                ["BETTERDNS__Auth__SigningKey"] = Convert.ToBase64String(new byte[16]),
            };

            var (exit, stdout, stderr) = await BetterDnsProcess.RunAsync(directory, environment, "--urls", "http://127.0.0.1:0");

            Assert.NotEqual(0, exit);
            Assert.Contains("Auth:SigningKey", stdout + stderr);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
