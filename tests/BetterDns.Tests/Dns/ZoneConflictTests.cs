using System.Net;
using BetterDns.Dns.Embedded;
using BetterDns.Tests.Infrastructure;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using Microsoft.Extensions.DependencyInjection;

namespace BetterDns.Tests.Dns;

/// <summary>
/// The zone is always valid (issue 12, rows 4 and 5), tried the way a careless operator and a hostile VM
/// did: a hand edit that conflicts with a registration is rejected like a broken file, and no one
/// registers at or below the operator's delegation, CNAME or DNAME, or at a name server's name.
/// </summary>
public sealed class ZoneConflictTests
{
    private static readonly DomainName Origin = DomainName.Parse("cluster.internal.");

    [Fact]
    public async Task AnOperatorsCnameAtARegisteredNameIsRejectedAndTheLastGoodZoneKeepsServing()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-a", "web-*");
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-1", "10.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-9", "10.0.0.9")).StatusCode);
        await app.FlushAsync();

        var edit = await File.ReadAllTextAsync(app.ZoneFilePath) + "web-9 300 IN CNAME web-1\nnotes 300 IN TXT \"same edit\"\n";
        await File.WriteAllTextAsync(app.ZoneFilePath, edit);

        var rejected = app.ZoneFilePath + ".rejected";
        await ZoneFileWait.UntilAsync(() => File.Exists(rejected) && !ParseZoneFile(app).Records.Any(r => r.Type == RecordType.CNAME),
            TimeSpan.FromSeconds(10), "the edit was rejected and the good zone written back");
        Assert.Equal(edit, await File.ReadAllTextAsync(rejected));
        BindCheck.AssertAccepts(app.ZoneFilePath);
        var dns = app.Services.GetRequiredService<EmbeddedDnsServer>().Endpoints[0];
        Assert.Equal(["10.0.0.9"], await Dig.ShortAsync(dns, "web-9.cluster.internal."));
        Assert.Empty(await Dig.ShortAsync(dns, "notes.cluster.internal.", "TXT"));
    }

    [Fact]
    public async Task NoOneRegistersAtOrBelowTheOperatorsDelegationCnameOrDnameOrAtANameServersName()
    {
        await using var app = new BetterDnsApplication();
        await app.FlushAsync();
        var serial = ParseZoneFile(app).Soa!.Serial;
        await File.AppendAllTextAsync(app.ZoneFilePath, """
            web-k8s 300 IN NS ns1.web-k8s
            web-alias 300 IN CNAME web-1
            web-moved 300 IN DNAME elsewhere.example.
            web-sub 300 IN NS web-ns.cluster.internal.

            """);
        await ZoneFileWait.UntilAsync(() => ParseZoneFile(app).Soa!.Serial != serial && ParseZoneFile(app).Records.Any(r => r.Type == RecordType.DNAME),
            TimeSpan.FromSeconds(10), "the operator's edit was applied");

        var vm = app.CreateVmClient("vm-a", "web-*", "*.web-k8s", "*.web-moved");
        var admin = app.CreateAdminClient("ops");
        (string Name, string Conflict)[] refused =
        [
            ("web-k8s", "NS record at 'web-k8s'"),
            ("ns1.web-k8s", "below the delegation of 'web-k8s'"),
            ("host.web-k8s", "below the delegation of 'web-k8s'"),
            ("web-alias", "CNAME record at 'web-alias'"),
            ("web-moved", "DNAME record at 'web-moved'"),
            ("host.web-moved", "below the DNAME at 'web-moved'"),
            ("web-ns", "'web-ns' is a name server of 'web-sub'"),
        ];
        foreach (var (name, conflict) in refused)
        {
            foreach (var client in new[] { vm, admin })
            {
                var problem = await (await client.RegisterAsync(name, "10.0.0.50")).AssertProblemAsync(HttpStatusCode.Conflict);
                Assert.Contains(conflict, problem.Detail());
                await (await client.ReplaceAsync(name, new { ips = new[] { "10.0.0.51" } })).AssertProblemAsync(HttpStatusCode.Conflict);
            }
        }

        Assert.Equal("[]", await (await admin.GetAsync("/a")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-2", "10.0.0.2")).StatusCode);
        await app.FlushAsync();
        BindCheck.AssertAccepts(app.ZoneFilePath);
    }

    private static DnsZone ParseZoneFile(BetterDnsApplication app) => ZoneFileParser.ParseFile(app.ZoneFilePath, Origin);
}
