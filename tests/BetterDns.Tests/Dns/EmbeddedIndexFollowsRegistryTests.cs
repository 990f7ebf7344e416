using System.Net;
using BetterDns.Dns;
using BetterDns.Dns.Embedded;
using BetterDns.Dns.Wire;
using BetterDns.Registry;
using BetterDns.Zone.Model;
using static BetterDns.Tests.Registry.TempRegistry;

namespace BetterDns.Tests.Dns;

/// <summary>
/// The embedded index follows the registry change by change (base plus overlay); after any mix of
/// changes it answers every name exactly as a full index of the snapshot's zone does.
/// </summary>
public sealed class EmbeddedIndexFollowsRegistryTests
{
    private const string OperatorZone = """
        $ORIGIN cluster.internal.
        $TTL 300
        @ IN SOA ns1 hostmaster 1 3600 600 86400 60
        @ IN NS ns1
        ns1 IN A 10.9.0.1
        mail IN MX 10 ns1
        sub IN NS ns.sub
        ns.sub IN A 10.9.0.2
        *.wild IN A 10.9.0.3
        alias IN CNAME web-1
        deep.ent IN TXT "operator"
        """;

    // Single- and multi-label names, names under operator names, an empty non-terminal, a delegation and a wildcard.
    private static readonly string[] Names =
        ["web-1", "web-2", "b", "a.b", "x.a.b", "ent", "c.ent", "host.sub", "wild", "y.wild", "r", "q.r", "p.q.r", "mail", "m.mail"];

    private static readonly string[] Absent = ["nope", "zz.a.b", "q.nope", "deeper.x.a.b", "other.ent"];

    private static readonly HealthCheck Http = HealthCheck.None with { Kind = CheckKind.Http, Port = 80 };

    [Fact]
    public async Task AfterAnyMixOfChangesTheIncrementalIndexAnswersLikeAFullIndexOfTheZone()
    {
        await using var temp = Create(OperatorZone);
        var registry = temp.Registry;
        var (cache, follower) = Following(registry);
        var random = new Random(20261126);
        var admin = Admin();
        var applied = 0;
        var multiLabelApplied = 0;
        var incrementalSteps = 0;
        var rebuildSteps = 0;
        var fullBuilds = 0;
        const int steps = 300;
        for (var step = 0; step < steps; step++)
        {
            var name = Names[random.Next(Names.Length)];
            var ip = Ip($"10.0.{random.Next(3)}.{random.Next(1, 4)}");
            RegistryChange change = random.Next(9) switch
            {
                0 or 1 or 2 => new RegisterChange(admin, name, ip, (uint)(60 + random.Next(2)), random.Next(2) == 0 ? Http : null, random.Next(3) == 0 ? 1 : 0),
                3 => new RemoveChange(admin, name, random.Next(2) == 0 ? ip : null),
                4 => new ReplaceChange(admin, name, [ip, Ip($"10.1.0.{random.Next(1, 4)}")], 60),
                5 => new MaintenanceChange(admin, name, random.Next(2) == 0 ? ip : null, random.Next(2) == 0, "patching"),
                _ => new HealthChange(admin, name, ip, Http, random.Next(2) == 0 ? HealthVerdict.Critical : HealthVerdict.Passing, "probe"),
            };
            var outcome = await registry.SubmitAsync(change);
            if (outcome.Status is ChangeStatus.Created or ChangeStatus.Updated)
            {
                applied++;
                multiLabelApplied += name.Contains('.') ? 1 : 0;
            }

            if (step % 60 == 59)
            {
                // A checkpoint gives the SOA a new serial.
                await registry.FlushAsync();
            }

            if (step == 150)
            {
                // An operator's edit: only a full rebuild can follow it.
                File.AppendAllText(temp.Settings.ZoneFile, "added.b IN TXT \"edit\"\nweb-1 IN TXT \"next to a registration\"\n");
                Assert.Equal(ZoneFileEditStatus.Applied, (await registry.ApplyZoneFileEditAsync()).Status);
            }

            if (step % 50 == 25)
            {
                // A new base built from names with children, so later removals meet them in the base.
                fullBuilds += follower.FullBuilds;
                (cache, follower) = Following(registry);
            }

            var snapshot = registry.Current;
            var incremental = cache.Current;
            var full = ZoneIndex.Build(snapshot.Zone);
            var keys = KeysToCompare(full);
            if (follower.RebuildPending)
            {
                // Until the background rebuild lands, every owner is already right; only empty non-terminals may lag.
                AssertSameAnswers(full, incremental, keys, ownersOnly: true, step);
                await follower.Rebuilding;
                incremental = cache.Current;
                rebuildSteps++;
            }
            else
            {
                incrementalSteps++;
            }

            AssertSameAnswers(full, incremental, keys, ownersOnly: false, step);
        }

        Assert.True(applied > steps / 3, $"only {applied} changes applied");
        Assert.True(multiLabelApplied > 10, $"only {multiLabelApplied} multi-label changes applied");
        Assert.True(incrementalSteps > steps / 2, $"only {incrementalSteps} of {steps} steps followed without a rebuild");
        Assert.True(rebuildSteps > 0, "no step needed the background rebuild");
        fullBuilds += follower.FullBuilds;
        Assert.True(fullBuilds < steps / 4, $"{fullBuilds} full builds in {steps} steps");
    }

    [Fact]
    public async Task ManySmallStepsFoldTheRecentLayerIntoTheOlderOneAndStillAnswerLikeAFullIndex()
    {
        await using var temp = Create(OperatorZone);
        var registry = temp.Registry;
        var (cache, follower) = Following(registry);
        var admin = Admin();
        var names = new List<string>();
        var removedNames = new List<string>();
        const int steps = 3 * RegistryIndexFollower.MaxRecent;
        for (var step = 0; step < steps; step++)
        {
            // Mostly new names (some under a shared parent, which becomes an empty non-terminal), now and
            // then a removal of an earlier one or a checkpoint's new serial; every step is followed alone.
            if (step % 7 == 6)
            {
                // Single-label names only: removing one leaves no empty non-terminal to doubt, so no rebuild is needed.
                var removed = names.Where(n => !n.Contains('.')).ElementAt(step * 31 % names.Count(n => !n.Contains('.')));
                Assert.Equal(ChangeStatus.Updated, (await registry.SubmitAsync(new RemoveChange(admin, removed, null))).Status);
                names.Remove(removed);
                removedNames.Add(removed);
            }
            else
            {
                var name = step % 3 == 0 ? $"h{step}.rack{step % 5}" : $"h{step}";
                names.Add(name);
                Assert.Equal(ChangeStatus.Created, (await registry.SubmitAsync(new RegisterChange(admin, name, Ip($"10.3.{step >> 8}.{step & 255}"), 60))).Status);
            }

            if (step % 100 == 99)
            {
                await registry.FlushAsync();
            }

            var incremental = cache.Current;
            if (step % 16 == 15 || step == steps - 1)
            {
                if (follower.RebuildPending)
                {
                    await follower.Rebuilding;
                    incremental = cache.Current;
                }

                var full = ZoneIndex.Build(registry.Current.Zone);
                var keys = KeysToCompare(full);
                keys.UnionWith(names.Concat(removedNames).Select(Key));
                AssertSameAnswers(full, incremental, keys, ownersOnly: false, step);
            }
        }

        // Three recent layers' worth of names changed, and the base was never rebuilt: folding alone kept up.
        Assert.Equal(1, follower.FullBuilds);
    }

    [Fact]
    public async Task ACheckpointsNewSerialMovesOnlyTheApexWhileAnOperatorsEditRegroupsTheOperatorsRecords()
    {
        await using var temp = Create(OperatorZone);
        var registry = temp.Registry;
        var (cache, follower) = Following(registry);
        Assert.Equal(ChangeStatus.Created, (await registry.SubmitAsync(new RegisterChange(Admin(), "web-1", Ip("10.0.0.1"), 60))).Status);
        var serialBefore = Serial(cache.Current);

        await registry.FlushAsync();
        var afterCheckpoint = cache.Current;

        Assert.NotEqual(serialBefore, Serial(afterCheckpoint));
        Assert.Equal(registry.Current.Zone.Soa!.Serial, Serial(afterCheckpoint));
        Assert.Equal(Serial(afterCheckpoint), ((SoaData)afterCheckpoint.Find(Key("@"))!.Sets.Single(s => s.Type == RecordType.SOA).Records[0].Record.Data).Serial);
        Assert.Equal(0, follower.OperatorRegroupings);
        Assert.Equal(1, follower.FullBuilds);

        File.AppendAllText(temp.Settings.ZoneFile, "added IN TXT \"edit\"\n");
        Assert.Equal(ZoneFileEditStatus.Applied, (await registry.ApplyZoneFileEditAsync()).Status);
        var afterEdit = cache.Current;

        Assert.Equal(1, follower.OperatorRegroupings);
        Assert.NotNull(afterEdit.Find(Key("added")));
        Assert.NotNull(afterEdit.Find(Key("web-1")));
    }

    [Fact]
    public async Task AnOverlayGrownPastItsLimitIsFoldedIntoANewBaseWithoutIndexingTheZoneAndAnswersLikeAFullIndex()
    {
        await using var temp = Create(OperatorZone);
        var registry = temp.Registry;
        var (cache, follower) = Following(registry);
        var admin = Admin();

        // Groups that are names of their own with names below them, then far more new names than the overlay holds.
        var groups = Enumerable.Range(0, 7).Select(g => $"grp{g}").ToArray();
        foreach (var group in groups)
        {
            Assert.Equal(ChangeStatus.Created, (await registry.SubmitAsync(new RegisterChange(admin, group, Ip("10.4.0.1"), 60))).Status);
        }

        // The groups' children come first, so the fold (once the overlay passes its limit) moves them all into the base.
        var names = Enumerable.Range(0, RegistryIndexFollower.MaxOverlay + 1000).Select(i => i % 3 == 0 && i < 2000 ? $"f{i}.grp{i % 7}" : $"f{i}").ToArray();
        foreach (var chunk in names.Chunk(500))
        {
            await Task.WhenAll(chunk.Select((name, i) => registry.SubmitAsync(new RegisterChange(admin, name, Ip($"10.5.{i >> 8}.{i & 255}"), 60))));
            _ = cache.Current;
        }

        await follower.Rebuilding;
        var folded = cache.Current;
        Assert.True(follower.Folds >= 1, "the overlay was never folded");
        Assert.Equal(1, follower.FullBuilds);
        AssertAnswersLikeAFullIndex(registry, cache, AllKeys(names.Concat(groups)), ownersOnly: false, step: 0);

        // A group's own records removed after the fold: names sit below it, so it stays (NODATA), as in a full index.
        foreach (var group in groups)
        {
            Assert.Equal(ChangeStatus.Updated, (await registry.SubmitAsync(new RemoveChange(admin, group, null))).Status);
        }

        // Answered at once from the folded base (which knows the group has children), before any rebuild.
        var afterRemoval = cache.Current;
        Assert.All(groups, group => Assert.Empty(afterRemoval.Find(Key(group))!.Sets));
        AssertAnswersLikeAFullIndex(registry, cache, AllKeys(names.Concat(groups)), ownersOnly: true, step: 1);
        await follower.Rebuilding;
        AssertAnswersLikeAFullIndex(registry, cache, AllKeys(names.Concat(groups)), ownersOnly: false, step: 2);
    }

    // The registry checkpoints on its own (a new serial): compare against the snapshot the index followed.
    private static void AssertAnswersLikeAFullIndex(DurableRegistry registry, ZoneIndexCache cache, HashSet<byte[]> keys, bool ownersOnly, int step)
    {
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = registry.Current;
            var incremental = cache.Current;
            if (ReferenceEquals(snapshot, registry.Current) || attempt == 5)
            {
                AssertSameAnswers(ZoneIndex.Build(snapshot.Zone), incremental, keys, ownersOnly, step);
                return;
            }
        }
    }

    private static HashSet<byte[]> AllKeys(IEnumerable<string> names)
    {
        var keys = new HashSet<byte[]>(WireNameComparer.Instance);
        foreach (var name in names)
        {
            for (var at = DomainName.Parse(name + ".cluster.internal."); at != Origin; at = at.Parent)
            {
                keys.Add(WireName.KeyFrom(at));
            }
        }

        return keys;
    }

    [Fact]
    public async Task RemovingTheLastNameBelowAnEmptyNonTerminalAnswersNxdomainOnceTheBackgroundRebuildLands()
    {
        await using var temp = Create(OperatorZone);
        var registry = temp.Registry;
        var admin = Admin();
        Assert.Equal(ChangeStatus.Created, (await registry.SubmitAsync(new RegisterChange(admin, "x.a.b", Ip("10.0.0.1"), 60))).Status);
        var cache = new ZoneIndexCache(new RegistryZoneSource(registry));
        var before = cache.Current;
        Assert.NotNull(before.Find(Key("a.b")));

        Assert.Equal(ChangeStatus.Updated, (await registry.SubmitAsync(new RemoveChange(admin, "x.a.b", null))).Status);
        var during = cache.Current;
        Assert.Null(during.Find(Key("x.a.b")));
        await cache.Follower!.Rebuilding;
        var after = cache.Current;

        Assert.False(cache.Follower.RebuildPending);
        Assert.Equal(2, cache.Follower.FullBuilds);
        Assert.Null(after.Find(Key("x.a.b")));
        Assert.Null(after.Find(Key("a.b")));
        Assert.Null(after.Find(Key("b")));
    }

    [Fact]
    public async Task AnIndexNobodyQueriesCatchesUpWithTheRegistryOnItsOwn()
    {
        await using var temp = Create(OperatorZone);
        var registry = temp.Registry;
        var follower = new RegistryIndexFollower(new RegistryZoneSource(registry), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, maxBehind: 4);
        _ = follower.Current;
        var first = follower.FollowedVersion;
        for (var i = 0; i < 12; i++)
        {
            await registry.SubmitAsync(new RegisterChange(Admin(), $"idle-{i}", Ip($"10.2.0.{i + 1}"), 60));
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (follower.FollowedVersion <= first + 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(follower.FollowedVersion > first + 4, $"still at version {follower.FollowedVersion} (started at {first})");
        Assert.Equal(1, follower.FullBuilds);
    }

    [Fact]
    public async Task AQueryAfterAWriteToALargeZoneAnswersWithoutBuildingTheZone()
    {
        await using var temp = Create();
        var registry = temp.Registry;
        var admin = Admin();
        const int preloaded = 100_000;
        for (var chunk = 0; chunk < preloaded; chunk += 5_000)
        {
            await Task.WhenAll(Enumerable.Range(chunk, 5_000).Select(i =>
                registry.SubmitAsync(new RegisterChange(admin, $"vm-{i}", Ip($"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}"), 60))));
        }

        var responder = new DnsResponder(new RegistryZoneSource(registry));
        responder.Prepare();
        Assert.Equal(ChangeStatus.Created, (await registry.SubmitAsync(new RegisterChange(admin, "fresh", Ip("192.0.2.7"), 60))).Status);

        var response = new byte[512];
        var length = responder.Respond(Query("fresh.cluster.internal."), response, overTcp: false);

        Assert.False(registry.Current.IsZoneBuilt);
        Assert.Equal(1, AnswerCount(response));
        Assert.True(response.AsSpan(0, length).IndexOf(new byte[] { 192, 0, 2, 7 }) > 0);
    }

    // A new index of the registry, with its first (full) build done, as the first query would do it.
    private static (ZoneIndexCache Cache, RegistryIndexFollower Follower) Following(DurableRegistry registry)
    {
        var cache = new ZoneIndexCache(new RegistryZoneSource(registry));
        _ = cache.Current;
        return (cache, cache.Follower!);
    }

    private static byte[] Key(string name) => WireName.KeyFrom(name == "@" ? Origin : DomainName.Parse(name + ".cluster.internal."));

    private static uint Serial(ZoneIndex index) => ((SoaData)index.NegativeSoa!.Record.Data).Serial;

    private static HashSet<byte[]> KeysToCompare(ZoneIndex full)
    {
        var keys = new HashSet<byte[]>(full.BaseKeys, WireNameComparer.Instance);
        foreach (var name in Names.Concat(Absent))
        {
            for (var at = DomainName.Parse(name + ".cluster.internal."); at != Origin; at = at.Parent)
            {
                keys.Add(WireName.KeyFrom(at));
            }
        }

        return keys;
    }

    private static void AssertSameAnswers(ZoneIndex expected, ZoneIndex actual, IEnumerable<byte[]> keys, bool ownersOnly, int step)
    {
        Assert.Equal(expected.NegativeSoa?.Record, actual.NegativeSoa?.Record);
        foreach (var key in keys)
        {
            var want = expected.Find(key);
            if (ownersOnly && want is not { Sets.Length: > 0 })
            {
                continue;
            }

            var wanted = Describe(want);
            var got = Describe(actual.Find(key));
            Assert.True(wanted == got, $"step {step}, {Convert.ToHexString(key)}: expected {wanted}, got {got}");
        }
    }

    private static string Describe(ZoneNode? node) => node is null ? "NXDOMAIN"
        : (node.IsDelegation ? "cut " : "") + string.Join(" | ", node.Sets.Select(s =>
            $"{s.Type}{(s.Encodable ? "" : " (opaque)")}: {string.Join(", ", s.Records.Select(r => $"{Convert.ToHexString(r.Owner)} {r.Ttl} {r.Record}"))}"));

    private static byte[] Query(string name)
    {
        var message = new List<byte> { 0x12, 0x34, 0x00, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            message.Add((byte)label.Length);
            message.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }

        message.AddRange([0, 0, 1, 0, 1]);
        return [.. message];
    }

    private static int AnswerCount(byte[] response) => (response[6] << 8) | response[7];
}
