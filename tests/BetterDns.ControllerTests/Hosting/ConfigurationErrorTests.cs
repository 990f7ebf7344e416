using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BetterDns.ControllerTests.Hosting;

/// <summary>Bad <c>Dns:*</c> settings stop the host at start-up with a message naming the setting.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("embedded", "AddKeyedSingleton<IDnsServerBridge>(\"embedded\"")]
    [InlineData("process", "Dns:Server=process needs Dns:Process:Command")]
    public async Task MissingServerSettingsAreNamedAtStartUp(string server, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(new() { ["Dns:Server"] = server }));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task ProbeEndpointWithoutPortIsRejected()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(new()
        {
            ["Dns:Server"] = "process",
            ["Dns:Process:Command"] = "named",
            ["Dns:Process:ProbeEndpoint"] = "127.0.0.1",
        }));

        Assert.Contains("Dns:Process:ProbeEndpoint", error.Message);
    }

    [Fact]
    public async Task BackoffLongerThanItsCapIsRejected()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Dns:Server"] = "process",
            ["Dns:Supervision:InitialBackoff"] = "00:01:00",
            ["Dns:Supervision:MaxBackoff"] = "00:00:01",
        }));

        Assert.Contains("InitialBackoff must not exceed MaxBackoff", error.Message);
    }

    private static async Task StartAsync(Dictionary<string, string?> settings)
    {
        using var directory = new TempDirectory();
        settings["Storage:DataDirectory"] = directory.Path;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = directory.Path });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDnsController();
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }
}
