using System.Net;
using BetterDns.Registry;
using BetterDns.Registry.Options;
using BetterDns.Tests.Infrastructure;
using BetterDns.Zone.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace BetterDns.HealthTests.Registry;

/// <summary>Health goes through the writer like any change: journaled, replayed after a crash, and reflected in the served zone.</summary>
public sealed class HealthJournalTests : IDisposable
{
    private static readonly Actor Checker = Actor.Admin("health-checker");
    private static readonly IPAddress Primary = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress Backup = IPAddress.Parse("10.0.0.2");
    private static readonly HealthCheck Tcp = new(CheckKind.Tcp, 22, "/", null, null, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), 2, 1, TimeSpan.FromHours(1));
    private readonly string _data = TempDirectory.Create();

    [Fact]
    public async Task CheckPriorityAndACriticalVerdictAreReplayedFromTheJournalAfterACrash()
    {
        var registry = Open();
        await registry.SubmitAsync(new RegisterChange(Checker, "db", Primary, 60, Tcp, 0));
        await registry.SubmitAsync(new RegisterChange(Checker, "db", Backup, 60, Tcp, 5));
        Assert.Equal(["10.0.0.1"], Served(registry));

        var outcome = await registry.SubmitAsync(new HealthChange(Checker, "db", Primary, Tcp, HealthVerdict.Critical, "Connection refused"));
        Assert.Equal(ChangeStatus.Updated, outcome.Status);
        Assert.Equal(["10.0.0.2"], Served(registry));
        await registry.StopWithoutCheckpointAsync();

        var reopened = Open();
        try
        {
            var primary = reopened.Current.All.Single(r => r.Address.Equals(Primary));
            Assert.Equal((Tcp, 0, HealthVerdict.Critical, "Connection refused"), (primary.Check, primary.Priority, primary.Health.Status, primary.Health.Reason));
            Assert.Equal(5, reopened.Current.All.Single(r => r.Address.Equals(Backup)).Priority);
            Assert.Equal(["10.0.0.2"], Served(reopened));
        }
        finally
        {
            await reopened.DisposeAsync();
        }
    }

    [Fact]
    public async Task AVerdictForAnOutdatedCheckOrAVmIsRefusedAndDeregistrationNeedsTheSameCriticalSpell()
    {
        await using var registry = Open();
        var vm = new Actor("vm-1", false, ["*"]);
        await registry.SubmitAsync(new RegisterChange(vm, "web", Primary, 60, Tcp));
        Assert.Equal(ChangeStatus.Forbidden, (await registry.SubmitAsync(new HealthChange(vm, "web", Primary, Tcp, HealthVerdict.Critical, "x"))).Status);
        Assert.Equal(ChangeStatus.NotFound, (await registry.SubmitAsync(new HealthChange(Checker, "web", Primary, Tcp with { Port = 23 }, HealthVerdict.Critical, "x"))).Status);

        var critical = await registry.SubmitAsync(new HealthChange(Checker, "web", Primary, Tcp, HealthVerdict.Critical, "x"));
        var since = critical.Registrations.Single().Health.Since;
        Assert.Equal(ChangeStatus.NotFound, (await registry.SubmitAsync(new DeregisterChange(Checker, "web", Primary, since.AddSeconds(-1)))).Status);
        await registry.SubmitAsync(new MaintenanceChange(vm, "web", null, true, "planned"));
        Assert.Equal(ChangeStatus.NotFound, (await registry.SubmitAsync(new DeregisterChange(Checker, "web", Primary, since))).Status);
        await registry.SubmitAsync(new MaintenanceChange(vm, "web", null, false, null));
        Assert.Equal(ChangeStatus.Updated, (await registry.SubmitAsync(new DeregisterChange(Checker, "web", Primary, since))).Status);
        Assert.Empty(registry.Current.All);
    }

    private DurableRegistry Open() => DurableRegistry.Open(RegistrySettings.ForDirectory(_data), TimeProvider.System, NullLogger<DurableRegistry>.Instance);

    private static string[] Served(DurableRegistry registry) =>
        [.. registry.Current.Zone.Records.Where(r => r.Data is AData && r.Owner.Value.StartsWith("db.", StringComparison.Ordinal)).Select(r => ((AData)r.Data).Address.ToString()).Order()];

    public void Dispose() => TempDirectory.Delete(_data);
}
