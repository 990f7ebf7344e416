using BetterDns.Registry;
using BetterDns.Zone.Model;
using static BetterDns.Tests.Registry.TempRegistry;

namespace BetterDns.Tests.Registry;

public sealed class SyncStatusTests
{
    private static readonly Actor Vm1 = Vm("vm-1", "*");
    private static readonly DomainName Web1 = DomainName.Parse("web-1.cluster.internal.");

    [Fact]
    public async Task NewRegistrationsArePendingUntilMarkedInSync()
    {
        await using var temp = Create();
        var created = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.2"), 60));

        await temp.Registry.MarkInSyncAsync([(DomainName.Parse("WEB-1.cluster.internal."), Ip("10.0.0.1")), (Web1, Ip("10.9.9.9"))]);

        Assert.Equal(SyncStatus.Pending, Assert.Single(created.Registrations).Sync);
        Assert.Equal(
            ["10.0.0.1:InSync", "10.0.0.2:Pending"],
            temp.Registry.Current.Find(Web1).Select(r => $"{r.Address}:{r.Sync}").Order());
    }

    [Fact]
    public async Task MarkingInSyncPublishesASnapshotThatSharesTheZone()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        var before = temp.Registry.Current;
        var zone = before.Zone;

        await temp.Registry.MarkInSyncAsync([(Web1, Ip("10.0.0.1"))]);

        var after = temp.Registry.Current;
        Assert.True(after.Version > before.Version);
        Assert.Same(zone, after.Zone);
        Assert.Equal(SyncStatus.Pending, Assert.Single(before.Find(Web1)).Sync);
    }

    [Fact]
    public async Task ARefreshKeepsTheSyncStatusAndARestartResetsIt()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        await temp.Registry.MarkInSyncAsync([(Web1, Ip("10.0.0.1"))]);

        var refreshed = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        var reopened = await temp.RestartAsync();

        Assert.Equal(SyncStatus.InSync, Assert.Single(refreshed.Registrations).Sync);
        Assert.Equal(SyncStatus.Pending, Assert.Single(reopened.Current.Find(Web1)).Sync);
    }
}
