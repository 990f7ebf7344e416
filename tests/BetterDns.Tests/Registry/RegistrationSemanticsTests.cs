using BetterDns.Registry;
using BetterDns.Zone.Model;
using static BetterDns.Tests.Registry.TempRegistry;

namespace BetterDns.Tests.Registry;

public sealed class RegistrationSemanticsTests
{
    private static readonly Actor Vm1 = Vm("vm-1", "web-*");

    [Fact]
    public async Task FirstRegistrationIsCreatedAndAppearsInTheSnapshotZone()
    {
        await using var temp = Create();

        var outcome = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.5"), 60));

        Assert.Equal(ChangeStatus.Created, outcome.Status);
        var registration = Assert.Single(outcome.Registrations);
        Assert.Equal("web-1", registration.Name);
        Assert.Equal(DomainName.Parse("web-1.cluster.internal."), registration.Fqdn);
        Assert.Equal("vm-1", registration.Owner);
        Assert.Equal(60u, registration.Ttl);
        Assert.Contains(temp.Registry.Current.Zone.Records, r =>
            r.Owner == registration.Fqdn && r.Data is AData a && a.Address.Equals(Ip("10.0.0.5")) && r.Ttl == 60);
    }

    [Fact]
    public async Task SameOwnerNameAndAddressAgainRefreshesTtlAndUpdatedAt()
    {
        await using var temp = Create();
        var first = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.5"), 60));
        await Task.Delay(5);

        var again = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.5"), 120));

        Assert.Equal(ChangeStatus.Updated, again.Status);
        var refreshed = Assert.Single(again.Registrations);
        Assert.Equal(120u, refreshed.Ttl);
        Assert.Equal(first.Registrations[0].CreatedAt, refreshed.CreatedAt);
        Assert.True(refreshed.UpdatedAt > first.Registrations[0].UpdatedAt);
        Assert.Single(temp.Registry.Current.Zone.Records, r => r.Owner == refreshed.Fqdn);
    }

    [Fact]
    public async Task AnotherAddressUnderTheSameNameJoinsThePool()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.5"), 60));

        var outcome = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.6"), 60));

        Assert.Equal(ChangeStatus.Created, outcome.Status);
        Assert.Equal(["10.0.0.5", "10.0.0.6"], outcome.Registrations.Select(r => r.Address.ToString()));
        Assert.Equal(2, temp.Registry.Current.Find(DomainName.Parse("web-1.cluster.internal.")).Length);
    }

    [Fact]
    public async Task NamesCompareIgnoringCaseAndKeepTheCaseTheClientWrote()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "Web-1", Ip("10.0.0.5"), 60));

        var outcome = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "WEB-1.cluster.INTERNAL.", Ip("10.0.0.5"), 60));

        Assert.Equal(ChangeStatus.Updated, outcome.Status);
        Assert.Equal("Web-1", Assert.Single(outcome.Registrations).Name);
    }

    [Fact]
    public async Task ReplaceMakesTheActorsSetExactlyTheGivenAddresses()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.5"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.6"), 60));

        var outcome = await temp.Registry.SubmitAsync(new ReplaceChange(Vm1, "web-1", [Ip("10.0.0.6"), Ip("10.0.0.7")], 30));

        Assert.Equal(ChangeStatus.Updated, outcome.Status);
        Assert.Equal(["10.0.0.6", "10.0.0.7"], outcome.Registrations.Select(r => r.Address.ToString()).Order());
        Assert.All(outcome.Registrations, r => Assert.Equal(30u, r.Ttl));
        Assert.DoesNotContain(temp.Registry.Current.Zone.Records, r => r.Data is AData a && a.Address.Equals(Ip("10.0.0.5")));
    }

    [Fact]
    public async Task ReplaceOfANameWithNothingToReplaceCreatesIt()
    {
        await using var temp = Create();

        var outcome = await temp.Registry.SubmitAsync(new ReplaceChange(Vm1, "web-2", [Ip("10.0.0.9")], 60));

        Assert.Equal(ChangeStatus.Created, outcome.Status);
        Assert.Single(outcome.Registrations);
    }

    [Fact]
    public async Task ReplaceWithAnEmptyListAndNothingToReplaceIsNotFound()
    {
        await using var temp = Create();

        var outcome = await temp.Registry.SubmitAsync(new ReplaceChange(Vm1, "web-2", [], 60));

        Assert.Equal(ChangeStatus.NotFound, outcome.Status);
        Assert.NotNull(outcome.Reason);
    }

    [Fact]
    public async Task RemoveWithAnAddressRemovesOnlyThatPoolMember()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.5"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.6"), 60));

        var outcome = await temp.Registry.SubmitAsync(new RemoveChange(Vm1, "web-1", Ip("10.0.0.5")));

        Assert.Equal(ChangeStatus.Updated, outcome.Status);
        Assert.Equal("10.0.0.6", Assert.Single(outcome.Registrations).Address.ToString());
    }

    [Fact]
    public async Task RemoveWithoutAnAddressRemovesTheWholeNameAndItsRecords()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.5"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.6"), 60));

        var outcome = await temp.Registry.SubmitAsync(new RemoveChange(Vm1, "web-1", null));

        Assert.Equal(ChangeStatus.Updated, outcome.Status);
        Assert.Empty(outcome.Registrations);
        Assert.True(temp.Registry.Current.Find(DomainName.Parse("web-1.cluster.internal.")).IsEmpty);
        Assert.DoesNotContain(temp.Registry.Current.Zone.Records, r => r.Owner == DomainName.Parse("web-1.cluster.internal."));
    }

    [Fact]
    public async Task RemovingWhatIsNotThereIsNotFound()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.5"), 60));

        Assert.Equal(ChangeStatus.NotFound, (await temp.Registry.SubmitAsync(new RemoveChange(Vm1, "web-9", null))).Status);
        Assert.Equal(ChangeStatus.NotFound, (await temp.Registry.SubmitAsync(new RemoveChange(Vm1, "web-1", Ip("10.0.0.99")))).Status);
    }

    [Fact]
    public async Task AVmOverItsRecordLimitIsRefusedWithLimitReached()
    {
        await using var temp = Create(configure: s => s with { MaxRecordsPerOwner = 2 });
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-2", Ip("10.0.0.2"), 60));

        var third = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-3", Ip("10.0.0.3"), 60));
        var refresh = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));

        Assert.Equal(ChangeStatus.LimitReached, third.Status);
        Assert.Contains("2", third.Reason);
        Assert.Equal(ChangeStatus.Updated, refresh.Status);
    }

    [Theory]
    [InlineData("@")]
    [InlineData("cluster.internal.")]
    [InlineData("web-1.other.zone.")]
    [InlineData("a..b")]
    [InlineData("*.web")]
    [InlineData("a.*.web")]
    [InlineData("")]
    public async Task NamesOutsideTheZoneOrNotHostNamesAreRejectedBeforeTheWriter(string name)
    {
        await using var temp = Create();

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Registry.SubmitAsync(new RegisterChange(Admin(), name, Ip("10.0.0.1"), 60)));
    }

    [Fact]
    public async Task InvalidActorsAddressesAndTtlsAreRejectedBeforeTheWriter()
    {
        await using var temp = Create();

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Registry.SubmitAsync(new RegisterChange(Vm("", "*"), "web-1", Ip("10.0.0.1"), 60)));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Registry.SubmitAsync(new RegisterChange(new Actor("vm-1", false, null!), "web-1", Ip("10.0.0.1"), 60)));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), uint.MaxValue)));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Registry.SubmitAsync(new ReplaceChange(Vm1, "web-1", [Ip("10.0.0.1"), null!], 60)));
        Assert.Empty(temp.Registry.Current.All);
    }

    [Fact]
    public async Task ReplaceUsesTheAddressesAsTheyWereWhenSubmitted()
    {
        await using var temp = Create();
        var addresses = new List<System.Net.IPAddress> { Ip("10.0.0.1") };

        var pending = temp.Registry.SubmitAsync(new ReplaceChange(Vm1, "web-1", addresses, 60));
        addresses[0] = Ip("10.0.0.99");

        Assert.Equal("10.0.0.1", Assert.Single((await pending).Registrations).Address.ToString());
    }

    [Fact]
    public async Task EverySnapshotCarriesAHigherVersionAndRaisesSnapshotPublished()
    {
        await using var temp = Create();
        var seen = new List<long>();
        temp.Registry.SnapshotPublished += s => { lock (seen) { seen.Add(s.Version); } };
        var before = temp.Registry.Current.Version;

        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.5"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-2", Ip("10.0.0.6"), 60));

        lock (seen)
        {
            Assert.True(seen.Count >= 2);
            Assert.Equal(seen.Order(), seen);
            Assert.All(seen, v => Assert.True(v > before));
        }
    }
}
