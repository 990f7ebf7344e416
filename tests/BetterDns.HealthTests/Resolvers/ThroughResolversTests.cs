using System.Net;
using BetterDns.HealthTests.Infrastructure;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.HealthTests.Resolvers;

/// <summary>
/// What clients see: they ask a caching resolver, not the service. With the service's defaults (nothing set
/// on the service or the resolver) a name asked before it registered is answered through unbound and BIND
/// within Zone:NegativeTtl of its 2xx, a VM whose check fails stops being answered within the check's
/// detection time plus its TTL, and a removed name turns NXDOMAIN within its TTL (docs/deploy.md, "Resolvers in front").
/// </summary>
public sealed class ThroughResolversTests
{
    // The service's defaults, which these tests leave alone: Zone:NegativeTtl and Zone:DefaultTtl.
    private const uint NegativeTtl = 1;
    private const uint DefaultTtl = 5;

    // Resolvers count TTLs in whole seconds (up to one more), and the machine is shared with other builds.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(4);

    [Theory]
    [InlineData("embedded", "unbound", 1)]
    [InlineData("embedded", "named", 2)]
    [InlineData("bind", "unbound", 3)]
    public async Task NewNamesDeathsAndRemovalsReachClientsThroughTheResolverWithinTheBounds(string authoritative, string resolver, int net)
    {
        await using var rig = await ResolverRig.StartAsync(authoritative, resolver);

        // Independent names, so the three waits overlap.
        await Task.WhenAll(
            ANameAskedBeforeItRegistersIsAnsweredWithinTheNegativeTtl(rig, Address(net, 1)),
            ADeadVmStopsBeingAnsweredWithinDetectionPlusItsTtl(rig, Address(net, 2)),
            ARemovedNameTurnsNxdomainWithinItsTtl(rig, Address(net, 3)));
    }

    [Fact]
    public async Task InsyncSpeaksForTheAuthoritativeServerNotForAResolverThatCachedTheNameAsMissing()
    {
        // A zone created with a long negative TTL, so the resolver's cached NXDOMAIN outlives the whole test.
        await using var rig = await ResolverRig.StartAsync("embedded", "unbound", new Dictionary<string, string?> { ["Zone:NegativeTtl"] = "30" });
        var ip = Address(4, 1);
        var before = await rig.Resolver.AskAsync(ResolverRig.Fqdn("late"));
        Assert.Equal("NXDOMAIN", before.Status);
        Assert.InRange(before.NegativeTtl ?? 0, 2u, 30u);

        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(rig.App.Admin, "late", ip, check: null)).StatusCode);
        var waited = await (await rig.App.Admin.GetAsync("/a/late?wait=5s")).ReadJsonAsync();

        Assert.Equal("INSYNC", waited.GetProperty("records")[0].Str("status"));
        Assert.True((await DigReply.AskAsync(rig.Authoritative, ResolverRig.Fqdn("late"))).Has(ip.ToString()));
        var through = await rig.Resolver.AskAsync(ResolverRig.Fqdn("late"));
        Assert.Equal("NXDOMAIN", through.Status);
        // What is left of the resolver's negative cache: the longest a client behind it may still wait.
        Assert.InRange(through.NegativeTtl ?? 0, 1u, 30u);
    }

    private static async Task ANameAskedBeforeItRegistersIsAnsweredWithinTheNegativeTtl(ResolverRig rig, IPAddress ip)
    {
        var before = await rig.Resolver.AskAsync(ResolverRig.Fqdn("early"));
        Assert.True(before.Status == "NXDOMAIN" && before.NegativeTtl <= NegativeTtl, $"before registering: {before}");

        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(rig.App.Admin, "early", ip, check: null)).StatusCode);
        var (answer, _) = await rig.UntilAsync("early", r => r.Has(ip.ToString()), Seconds(NegativeTtl) + Slack, "the answer after the 2xx");

        Assert.All(answer.Answers, a => Assert.InRange(a.Ttl, 0u, DefaultTtl));
    }

    private static async Task ADeadVmStopsBeingAnsweredWithinDetectionPlusItsTtl(ResolverRig rig, IPAddress ip)
    {
        using var vm = new TcpTarget(ip);
        var check = new { kind = "tcp", port = vm.Port, interval = "250ms", timeout = "250ms", failuresBeforeCritical = 2 };
        using var response = await HealthApp.RegisterAsync(rig.App.Admin, "dies", ip, check);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        // 250 ms × 2 notices a death in half a second, so resolvers may keep the address 1 s (the least TTL).
        var ttl = (await response.ReadJsonAsync()).GetProperty("ttl").GetUInt32();
        Assert.Equal(1u, ttl);
        await rig.UntilAsync("dies", r => r.Has(ip.ToString()), TimeSpan.FromSeconds(10), "the live VM answered");

        vm.Stop();
        var detection = TimeSpan.FromMilliseconds(250 * 2 + 250);
        await rig.UntilAsync("dies", r => r.Status is "NXDOMAIN" or "NOERROR" && !r.Addresses.Contains(ip.ToString()),
            detection + Seconds(ttl) + Slack, "the dead VM left the answer");
    }

    private static async Task ARemovedNameTurnsNxdomainWithinItsTtl(ResolverRig rig, IPAddress ip)
    {
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(rig.App.Admin, "leaves", ip, check: null)).StatusCode);
        var (answer, _) = await rig.UntilAsync("leaves", r => r.Has(ip.ToString()), TimeSpan.FromSeconds(10), "the registered name answered");
        Assert.All(answer.Answers, a => Assert.InRange(a.Ttl, 0u, DefaultTtl));

        Assert.Equal(HttpStatusCode.NoContent, (await rig.App.Admin.RemoveAsync("leaves")).StatusCode);
        await rig.UntilAsync("leaves", r => r.Status == "NXDOMAIN", Seconds(DefaultTtl) + Slack, "NXDOMAIN after DELETE");
    }

    private static IPAddress Address(int net, int host) => new([127, 0, (byte)(180 + net), (byte)host]);

    private static TimeSpan Seconds(uint seconds) => TimeSpan.FromSeconds(seconds);
}
