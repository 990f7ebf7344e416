using System.Net;
using BetterDns.Dns.Embedded;
using BetterDns.Registry;
using BetterDns.Tests.Infrastructure;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using Microsoft.Extensions.DependencyInjection;

namespace BetterDns.Tests.Dns;

/// <summary>An operator edits the zone file by hand while the service runs.</summary>
public sealed class ZoneFileWatcherTests
{
    private static readonly DomainName Origin = DomainName.Parse("cluster.internal.");

    [Fact]
    public async Task AnOperatorsMxIsServedAndKeptWhileApiRecordsStayAsTheApiHasThem()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-1", "web-*");
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-1", "10.0.0.5")).StatusCode);
        await app.FlushAsync();
        var serialBefore = ParseZoneFile(app).Soa!.Serial;

        // The operator appends an MX and drops the API's line for web-1 (the API keeps it anyway).
        var text = await File.ReadAllTextAsync(app.ZoneFilePath);
        var edited = string.Join('\n', text.Split('\n').Where(line => !line.Contains("10.0.0.5")))
            + "\n@ 300 IN MX 10 mail.example.net.\nmail-relay 300 IN A 10.9.9.9\n";
        await File.WriteAllTextAsync(app.ZoneFilePath, edited);

        var dns = app.Services.GetRequiredService<EmbeddedDnsServer>().Endpoints[0];
        var mx = await Dig.UntilAsync(dns, "cluster.internal.", "MX", answer => answer.Length > 0);
        Assert.Equal(["10 mail.example.net."], mx);
        Assert.Equal(["10.9.9.9"], await Dig.ShortAsync(dns, "mail-relay.cluster.internal."));
        Assert.Equal(["10.0.0.5"], await Dig.ShortAsync(dns, "web-1.cluster.internal."));

        // Written back with a higher serial, the operator's records and the API's together.
        await WaitUntilAsync(() => ParseZoneFile(app).Soa!.Serial != serialBefore);
        await app.FlushAsync();
        var zone = ParseZoneFile(app);
        Assert.Contains(zone.Records, r => r.Data is MxData { Preference: 10 });
        Assert.Contains(zone.Records, r => r.Data is AData a && a.Address.Equals(IPAddress.Parse("10.0.0.5")));
        Assert.Contains(zone.Records, r => r.Data is AData a && a.Address.Equals(IPAddress.Parse("10.9.9.9")));

        // The operator's record is the operator's: a VM cannot take that name over.
        var mailVm = app.CreateVmClient("vm-2", "mail-*");
        Assert.Equal(HttpStatusCode.Forbidden, (await mailVm.RegisterAsync("mail-relay", "10.0.0.7")).StatusCode);
    }

    [Fact]
    public async Task ABrokenEditIsRejectedKeptAsideAndTheLastGoodZoneKeepsServing()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-1", "web-*");
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-1", "10.0.0.5")).StatusCode);
        await app.FlushAsync();

        var broken = await File.ReadAllTextAsync(app.ZoneFilePath) + "oops 300 IN A 010.1.1.1\n( unbalanced\n";
        await File.WriteAllTextAsync(app.ZoneFilePath, broken);

        // The broken file is kept for the operator, and the good zone is written back in its place.
        var rejected = app.ZoneFilePath + ".rejected";
        await WaitUntilAsync(() => File.Exists(rejected) && ZoneFileParser.CheckFile(app.ZoneFilePath, Origin).Success);
        Assert.Equal(broken, await File.ReadAllTextAsync(rejected));
        Assert.DoesNotContain(ParseZoneFile(app).Records, r => r.Owner.Value.StartsWith("oops", StringComparison.Ordinal));

        var dns = app.Services.GetRequiredService<EmbeddedDnsServer>().Endpoints[0];
        Assert.Equal(["10.0.0.5"], await Dig.ShortAsync(dns, "web-1.cluster.internal."));
        Assert.Empty(await Dig.ShortAsync(dns, "oops.cluster.internal."));
    }

    [Fact]
    public async Task TheRegistrysOwnWritesAreNotMistakenForEdits()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-1", "web-*");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync($"web-{i}", $"10.0.1.{i + 1}")).StatusCode);
        }

        await app.FlushAsync();
        var registry = app.Services.GetRequiredService<IRegistry>();
        var outcome = await registry.ApplyZoneFileEditAsync();

        Assert.Equal(ZoneFileEditStatus.OwnWrite, outcome.Status);
        Assert.Equal(20, registry.Current.All.Count());
    }

    [Fact]
    public async Task AnEditorOpenedBeforeAnApiDeleteDoesNotBringTheDeletedRecordBack()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-1", "web-*");
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-1", "10.0.0.5")).StatusCode);
        await app.FlushAsync();
        var openedInEditor = await File.ReadAllTextAsync(app.ZoneFilePath);

        Assert.Equal(HttpStatusCode.NoContent, (await vm.RemoveAsync("web-1")).StatusCode);
        await app.FlushAsync();
        await File.WriteAllTextAsync(app.ZoneFilePath, openedInEditor + "notes 300 IN TXT \"saved late\"\n");

        var dns = app.Services.GetRequiredService<EmbeddedDnsServer>().Endpoints[0];
        Assert.Equal(["\"saved late\""], await Dig.UntilAsync(dns, "notes.cluster.internal.", "TXT", answer => answer.Length > 0));
        Assert.Empty(await Dig.ShortAsync(dns, "web-1.cluster.internal."));
        await app.FlushAsync();
        Assert.DoesNotContain(ParseZoneFile(app).Records, r => r.Data is AData a && a.Address.Equals(IPAddress.Parse("10.0.0.5")));
    }

    [Fact]
    public async Task ADeletedZoneFileIsWrittenAgain()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-1", "web-*");
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-1", "10.0.0.5")).StatusCode);
        await app.FlushAsync();

        File.Delete(app.ZoneFilePath);

        await WaitUntilAsync(() => File.Exists(app.ZoneFilePath));
        Assert.Contains(ParseZoneFile(app).Records, r => r.Data is AData a && a.Address.Equals(IPAddress.Parse("10.0.0.5")));
    }

    private static DnsZone ParseZoneFile(BetterDnsApplication app) => ZoneFileParser.ParseFile(app.ZoneFilePath, Origin);

    private static Task WaitUntilAsync(Func<bool> condition) =>
        ZoneFileWait.UntilAsync(condition, TimeSpan.FromSeconds(10), "the condition did not become true");
}
