using BetterDns.Registry;
using BetterDns.Zone.Model;
using static BetterDns.Tests.Registry.TempRegistry;

namespace BetterDns.Tests.Registry;

/// <summary>The writer keeps the PENDING keys in step with the registrations, so a sync round costs O(pending).</summary>
public sealed class PendingSetTests
{
    private static readonly Actor Vm1 = Vm("vm-1", "*");

    private static DomainName Fqdn(string name) => DomainName.Parse(name + ".cluster.internal.");

    // What a full scan of the snapshot says, to compare the kept set with.
    private static List<string> ScannedPending(RegistrySnapshot snapshot) =>
        [.. snapshot.Served.Where(r => r.Sync == SyncStatus.Pending).Select(r => $"{r.Fqdn.Value} {r.Address}").Order()];

    private static List<string> KeptPending(RegistrySnapshot snapshot) =>
        [.. snapshot.PendingServed().Select(r => $"{r.Fqdn.Value} {r.Address}").Order()];

    [Fact]
    public async Task ANewRegistrationIsPendingUntilMarkedInSyncThenLeavesThePendingSet()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.2"), 60));
        var before = temp.Registry.Current;

        await temp.Registry.MarkInSyncAsync([(Fqdn("WEB-1"), Ip("10.0.0.1"))]);

        Assert.Equal(["web-1.cluster.internal. 10.0.0.1", "web-1.cluster.internal. 10.0.0.2"], KeptPending(before));
        Assert.Equal(["web-1.cluster.internal. 10.0.0.2"], KeptPending(temp.Registry.Current));
        Assert.NotNull(temp.Registry.Current.PendingKeys);
        Assert.Single(temp.Registry.Current.PendingKeys!);
    }

    [Fact]
    public async Task RemovedAndReplacedRegistrationsLeaveThePendingSet()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-2", Ip("10.0.0.2"), 60));

        await temp.Registry.SubmitAsync(new RemoveChange(Vm1, "web-1", null));
        await temp.Registry.SubmitAsync(new ReplaceChange(Vm1, "web-2", [Ip("10.0.0.3")], 60));

        Assert.Equal(["web-2.cluster.internal. 10.0.0.3"], KeptPending(temp.Registry.Current));
        Assert.Single(temp.Registry.Current.PendingKeys!);
    }

    [Fact]
    public async Task APendingRegistrationOutOfDnsIsNotAskedFor()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.2"), 60));

        await temp.Registry.SubmitAsync(new MaintenanceChange(Vm1, "web-1", Ip("10.0.0.1"), true, "patching"));

        // Still PENDING (the writer keeps its key), but DNS does not serve it, so a round does not ask.
        Assert.Equal(2, temp.Registry.Current.PendingKeys!.Count);
        Assert.Equal(["web-1.cluster.internal. 10.0.0.2"], KeptPending(temp.Registry.Current));
    }

    [Fact]
    public async Task TheKeptPendingSetMatchesAFullScanAfterAnyMixOfChanges()
    {
        await using var temp = Create();
        var random = new Random(7);
        for (var step = 0; step < 400; step++)
        {
            var name = $"host-{random.Next(30)}";
            var ip = Ip($"10.0.{random.Next(3)}.{random.Next(1, 4)}");
            switch (random.Next(5))
            {
                case 0 or 1:
                    await temp.Registry.SubmitAsync(new RegisterChange(Vm1, name, ip, (uint)(60 + random.Next(2))));
                    break;
                case 2:
                    await temp.Registry.SubmitAsync(new RemoveChange(Vm1, name, random.Next(2) == 0 ? ip : null));
                    break;
                case 3:
                    await temp.Registry.SubmitAsync(new MaintenanceChange(Vm1, name, ip, random.Next(2) == 0, "test"));
                    break;
                default:
                    await temp.Registry.MarkInSyncAsync([(Fqdn(name), ip)]);
                    break;
            }

            var snapshot = temp.Registry.Current;
            Assert.Equal(ScannedPending(snapshot), KeptPending(snapshot));
            Assert.Equal(snapshot.All.Count(r => r.Sync == SyncStatus.Pending), snapshot.PendingKeys!.Count);
        }
    }

    [Fact]
    public async Task ARestartStartsEveryLoadedRegistrationPending()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-2", Ip("10.0.0.2"), 60));
        await temp.Registry.MarkInSyncAsync([(Fqdn("web-1"), Ip("10.0.0.1")), (Fqdn("web-2"), Ip("10.0.0.2"))]);
        Assert.Empty(KeptPending(temp.Registry.Current));

        var reopened = await temp.RestartAsync();

        Assert.Equal(["web-1.cluster.internal. 10.0.0.1", "web-2.cluster.internal. 10.0.0.2"], KeptPending(reopened.Current));
    }
}
