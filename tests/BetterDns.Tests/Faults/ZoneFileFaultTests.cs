using System.Collections.Concurrent;
using System.Net;
using BetterDns.Dns.Embedded;
using BetterDns.Tests.Infrastructure;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using Microsoft.Extensions.DependencyInjection;

namespace BetterDns.Tests.Faults;

/// <summary>
/// The zone file damaged underneath the running service: deleted, truncated, overwritten with garbage or
/// with a stale copy. The registry (journal + registrations) is the truth; the file is written back from it.
/// </summary>
public sealed class ZoneFileFaultTests
{
    private static readonly DomainName Origin = DomainName.Parse("cluster.internal.");

    [Fact]
    public async Task GarbageInPlaceOfTheZoneFileIsKeptAsideAndTheZoneWithEveryAcknowledgedRecordIsRestored()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-1", "web-*");
        var acknowledged = await RegisterAsync(vm, 10);
        await app.FlushAsync();
        var garbage = new byte[4096];
        new Random(6).NextBytes(garbage);

        await File.WriteAllBytesAsync(app.ZoneFilePath, garbage);

        var rejected = app.ZoneFilePath + ".rejected";
        await WaitUntilAsync(() => File.Exists(rejected) && File.ReadAllBytes(rejected).AsSpan().SequenceEqual(garbage)
            && ZoneFileParser.CheckFile(app.ZoneFilePath, Origin).Success);
        AssertZoneFileHolds(app, acknowledged);
        var dns = app.Services.GetRequiredService<EmbeddedDnsServer>().Endpoints[0];
        Assert.Equal(["10.0.0.1"], await Dig.ShortAsync(dns, "web-0.cluster.internal."));
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-after", "10.0.1.1")).StatusCode);
        await app.FlushAsync();
        AssertZoneFileHolds(app, [.. acknowledged, ("web-after", "10.0.1.1")]);
    }

    [Fact]
    public async Task ATruncatedZoneFileIsRejectedAndRestored()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-1", "web-*");
        var acknowledged = await RegisterAsync(vm, 3);
        await app.FlushAsync();

        await File.WriteAllBytesAsync(app.ZoneFilePath, []);

        await WaitUntilAsync(() => File.Exists(app.ZoneFilePath + ".rejected") && new FileInfo(app.ZoneFilePath).Length > 0
            && ZoneFileParser.CheckFile(app.ZoneFilePath, Origin).Success);
        AssertZoneFileHolds(app, acknowledged);
    }

    [Fact]
    public async Task AStaleCopyOfTheZoneFileDoesNotUndoAcknowledgedRegistrations()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-1", "web-*");
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-old", "10.0.2.1")).StatusCode);
        await app.FlushAsync();
        var stale = await File.ReadAllBytesAsync(app.ZoneFilePath);
        var acknowledged = await RegisterAsync(vm, 5);
        await app.FlushAsync();

        await File.WriteAllBytesAsync(app.ZoneFilePath, stale);

        await WaitUntilAsync(() => Holds(app, acknowledged));
        var dns = app.Services.GetRequiredService<EmbeddedDnsServer>().Endpoints[0];
        Assert.Equal(["10.0.0.5"], await Dig.ShortAsync(dns, "web-4.cluster.internal."));
        Assert.Equal(["10.0.2.1"], await Dig.ShortAsync(dns, "web-old.cluster.internal."));
    }

    [Fact]
    public async Task AZoneFileDeletedAgainAndAgainDuringAWriteStormLosesNoAcknowledgedRegistration()
    {
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?> { ["RateLimit:Enabled"] = "false" });
        var zoneFile = app.ZoneFilePath;
        var acknowledged = new ConcurrentBag<(string Name, string Ip)>();
        using var storm = new CancellationTokenSource();
        var deleter = Task.Run(async () =>
        {
            while (!storm.IsCancellationRequested)
            {
                File.Delete(zoneFile);
                await Task.Delay(15);
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async client =>
        {
            var vm = app.CreateVmClient($"vm-{client}", $"storm-{client}-*");
            for (var i = 0; i < 25; i++)
            {
                var (name, ip) = ($"storm-{client}-{i}", $"10.3.{client}.{i + 1}");
                var response = await vm.RegisterAsync(name, ip);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                acknowledged.Add((name, ip));
            }
        }));
        await storm.CancelAsync();
        await deleter;

        await WaitUntilAsync(() => Holds(app, acknowledged));
        Assert.Equal(200, acknowledged.Count);
        var dns = app.Services.GetRequiredService<EmbeddedDnsServer>().Endpoints[0];
        Assert.Equal(["10.3.7.25"], await Dig.ShortAsync(dns, "storm-7-24.cluster.internal."));
    }

    private static async Task<List<(string Name, string Ip)>> RegisterAsync(HttpClient vm, int count)
    {
        var registered = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            var (name, ip) = ($"web-{i}", $"10.0.0.{i + 1}");
            Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync(name, ip)).StatusCode);
            registered.Add((name, ip));
        }

        return registered;
    }

    private static void AssertZoneFileHolds(BetterDnsApplication app, IEnumerable<(string Name, string Ip)> expected) =>
        Assert.True(Holds(app, expected), "the zone file lacks an acknowledged registration");

    private static bool Holds(BetterDnsApplication app, IEnumerable<(string Name, string Ip)> expected)
    {
        var records = ZoneFileParser.ParseFile(app.ZoneFilePath, Origin).Records
            .Where(r => r.Data is AData)
            .Select(r => (r.Owner.Value, ((AData)r.Data).Address.ToString()))
            .ToHashSet();
        return expected.All(e => records.Contains(($"{e.Name}.{Origin.Value}", e.Ip)));
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        ZoneFileWait.UntilAsync(condition, TimeSpan.FromSeconds(15), "the zone file was not restored");
}
