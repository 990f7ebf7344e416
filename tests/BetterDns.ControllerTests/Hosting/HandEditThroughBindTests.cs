using System.Net;
using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns.Bridges;
using BetterDns.Registry;
using BetterDns.Zone.Parsing;
using Microsoft.Extensions.DependencyInjection;

namespace BetterDns.ControllerTests.Hosting;

/// <summary>An operator edits the zone file by hand while BIND serves it through the process bridge.</summary>
public sealed class HandEditThroughBindTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);
    private static readonly Actor Vm = new("vm-web-1", false, ["web-*"]);

    [Fact]
    public async Task AnAddedMxReachesBindAndABrokenLineIsRejectedWhileBindKeepsServing()
    {
        await using var app = await ControllerHost.StartAsync((d, zone) => RealServers.Bind(d, TestZone.Origin, zone), "signal");
        var bridge = app.Host.Services.GetRequiredService<IDnsServerBridge>();
        Assert.True(await ((SupervisedServerBridge)bridge).WaitUntilAnsweringAsync(TimeSpan.FromSeconds(20)));
        var resolver = new Resolver(bridge.ProbeEndpoint);
        var web = TestZone.Name("web-1");
        await app.Registry.SubmitAsync(new RegisterChange(Vm, "web-1", IPAddress.Parse("10.1.0.5"), 60));
        Assert.True(await Eventually.TrueAsync(async () => (await resolver.AAsync(web)) is ["10.1.0.5"], Within));
        await app.Registry.FlushAsync();
        var zoneFile = app.Registry.ZoneFilePath;

        // The operator adds an MX: the watcher merges it, the registry writes the zone back, BIND reloads.
        await File.AppendAllTextAsync(zoneFile, "@ 300 IN MX 10 mail.example.net.\n");
        Assert.True(await Eventually.TrueAsync(
            async () => (await resolver.DigAsync(TestZone.Origin, "MX")) is ["10 mail.example.net."], Within));
        Assert.Equal(["10.1.0.5"], await resolver.DigAAsync(web));

        // A broken line: rejected, kept aside, the good zone written back; BIND still answers both.
        await File.AppendAllTextAsync(zoneFile, "broken 300 IN A 300.1.1.1\n");
        Assert.True(await Eventually.TrueAsync(
            () => File.Exists(zoneFile + ".rejected") && ZoneFileParser.CheckFile(zoneFile, TestZone.Origin).Success, Within));
        Assert.Equal(["10 mail.example.net."], await resolver.DigAsync(TestZone.Origin, "MX"));
        Assert.Equal(["10.1.0.5"], await resolver.DigAAsync(web));
        Assert.Empty(await resolver.DigAAsync(TestZone.Name("broken")));
    }
}
