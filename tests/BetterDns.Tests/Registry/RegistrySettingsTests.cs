using BetterDns.Registry;
using BetterDns.Registry.Options;
using BetterDns.Zone.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BetterDns.Tests.Registry;

public sealed class RegistrySettingsTests
{
    [Fact]
    public void DefaultsServeClusterInternalFromDataUnderTheCurrentDirectory()
    {
        var settings = RegistrySettings.Resolve(new ZoneOptions(), new StorageOptions(), new RegistryOptions());

        Assert.Equal(DomainName.Parse("cluster.internal."), settings.Origin);
        Assert.Equal(5u, settings.DefaultTtl);
        Assert.Equal(1u, settings.NegativeTtl);
        Assert.Equal(DomainName.Parse("ns1.cluster.internal."), settings.PrimaryNameServer);
        Assert.Equal(DomainName.Parse("hostmaster.cluster.internal."), settings.Hostmaster);
        Assert.Equal(Path.GetFullPath("./data"), settings.DataDirectory);
        Assert.Equal(Path.Combine(Path.GetFullPath("./data"), "cluster.internal.zone"), settings.ZoneFile);
        Assert.Equal(512, settings.MaxBatch);
        Assert.Equal(64, settings.MaxRecordsPerOwner);
    }

    [Fact]
    public void AnOriginWithoutTrailingDotAndAMailboxHostmasterAreAccepted()
    {
        var settings = RegistrySettings.Resolve(
            new ZoneOptions { Origin = "lab.example", Hostmaster = "dns.admin@example.org", File = "/tmp/lab.zone" },
            new StorageOptions { DataDirectory = "/tmp/lab" },
            new RegistryOptions());

        Assert.Equal("lab.example.", settings.Origin.Value);
        Assert.Equal(@"dns\.admin.example.org.", settings.Hostmaster.Value);
        Assert.Equal("ns1.lab.example.", settings.PrimaryNameServer.Value);
        Assert.Equal("/tmp/lab.zone", settings.ZoneFile);
    }

    [Fact]
    public void EveryInvalidSettingIsNamedInTheErrors()
    {
        var errors = RegistrySettings.Validate(
            new ZoneOptions { Origin = "a..b", DefaultTtl = 0, NegativeTtl = RegistrySettings.MaxNegativeTtl + 1 },
            new StorageOptions { DataDirectory = " " },
            new RegistryOptions { MaxBatch = 0, MaxRecordsPerOwner = 0, ZoneFlushInterval = TimeSpan.FromHours(2), CheckpointShare = 0, MaxCheckpointInterval = TimeSpan.FromHours(2) });

        foreach (var key in new[] { "Zone:Origin", "Zone:DefaultTtl", "Zone:NegativeTtl", "Storage:DataDirectory", "Registry:MaxBatch", "Registry:MaxRecordsPerOwner", "Registry:ZoneFlushInterval", "Registry:CheckpointShare", "Registry:MaxCheckpointInterval" })
        {
            Assert.Contains(errors, e => e.StartsWith(key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AddRegistryBindsConfigurationAndServesFromTheConfiguredDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "betterdns-host-" + Guid.NewGuid().ToString("N"));
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = directory,
                ["Zone:Origin"] = "lab.example.",
                ["Registry:ZoneFlushInterval"] = "00:00:00.010",
            });
            builder.AddRegistry();
            using var host = builder.Build();
            await host.StartAsync();

            var registry = host.Services.GetRequiredService<IRegistry>();
            var outcome = await registry.SubmitAsync(new RegisterChange(Actor.Admin("admin"), "web-1", System.Net.IPAddress.Parse("10.0.0.1"), 60));
            await host.StopAsync();

            Assert.Equal(ChangeStatus.Created, outcome.Status);
            Assert.Equal(Path.Combine(directory, "lab.example.zone"), registry.ZoneFilePath);
            Assert.Contains("web-1", await File.ReadAllTextAsync(registry.ZoneFilePath));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AnInvalidSettingStopsTheHostAtStartUpWithItsName()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Registry:MaxBatch"] = "0" });
        builder.AddRegistry();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Registry:MaxBatch", error.Message);
    }
}
