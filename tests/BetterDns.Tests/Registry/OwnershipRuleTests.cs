using BetterDns.Registry;
using static BetterDns.Tests.Registry.TempRegistry;

namespace BetterDns.Tests.Registry;

public sealed class OwnershipRuleTests
{
    private const string OperatorZone = """
        $ORIGIN cluster.internal.
        $TTL 60
        cluster.internal. 3600 IN SOA ns1.cluster.internal. hostmaster.cluster.internal. 2026010101 3600 600 1209600 60
        cluster.internal. 3600 IN NS ns1.cluster.internal.
        ns1.cluster.internal. 3600 IN A 127.0.0.1
        mail.cluster.internal. 300 IN A 10.1.1.1
        web-legacy.cluster.internal. 300 IN A 10.1.1.2
        """;

    [Fact]
    public async Task AVmMayNotRegisterANameOutsideItsPatterns()
    {
        await using var temp = Create();

        var outcome = await temp.Registry.SubmitAsync(new RegisterChange(Vm("vm-1", "web-*"), "db-1", Ip("10.0.0.5"), 60));

        Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
        Assert.Contains("web-*", outcome.Reason);
        Assert.Empty(temp.Registry.Current.All);
    }

    [Fact]
    public async Task PatternsMatchIgnoringCase()
    {
        await using var temp = Create();

        var outcome = await temp.Registry.SubmitAsync(new RegisterChange(Vm("vm-1", "WEB-*"), "web-1", Ip("10.0.0.5"), 60));

        Assert.Equal(ChangeStatus.Created, outcome.Status);
    }

    [Fact]
    public async Task AVmCannotRegisterUnderAnotherVmsNameAndLearnsNothingAboutIt()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm("vm-1", "web-*"), "web-1", Ip("10.0.0.5"), 60));

        var outcome = await temp.Registry.SubmitAsync(new RegisterChange(Vm("vm-2", "web-*"), "web-1", Ip("10.0.0.6"), 60));

        Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
        Assert.Contains("another owner", outcome.Reason);
        Assert.DoesNotContain("vm-1", outcome.Reason);
        Assert.DoesNotContain("10.0.0.5", outcome.Reason);
        Assert.Empty(outcome.Registrations);
    }

    [Fact]
    public async Task AVmCannotReplaceOrRemoveAnotherVmsRegistrations()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm("vm-1", "web-*"), "web-1", Ip("10.0.0.5"), 60));
        var other = Vm("vm-2", "web-*");

        var replace = await temp.Registry.SubmitAsync(new ReplaceChange(other, "web-1", [Ip("10.0.0.7")], 60));
        var removeAll = await temp.Registry.SubmitAsync(new RemoveChange(other, "web-1", null));
        var removeOne = await temp.Registry.SubmitAsync(new RemoveChange(other, "web-1", Ip("10.0.0.5")));

        Assert.Equal(ChangeStatus.Forbidden, replace.Status);
        Assert.Equal(ChangeStatus.Forbidden, removeAll.Status);
        Assert.Equal(ChangeStatus.Forbidden, removeOne.Status);
        Assert.Equal("10.0.0.5", Assert.Single(temp.Registry.Current.All).Address.ToString());
    }

    [Fact]
    public async Task AnAdminMayJoinReplaceAndRemoveAnyPool()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm("vm-1", "web-*"), "web-1", Ip("10.0.0.5"), 60));

        var join = await temp.Registry.SubmitAsync(new RegisterChange(Admin(), "web-1", Ip("10.0.0.6"), 60));
        var replace = await temp.Registry.SubmitAsync(new ReplaceChange(Admin(), "web-1", [Ip("10.0.0.5"), Ip("10.0.0.8")], 60));
        var removed = await temp.Registry.SubmitAsync(new RemoveChange(Admin(), "web-1", null));

        Assert.Equal(ChangeStatus.Created, join.Status);
        Assert.Equal(ChangeStatus.Updated, replace.Status);
        Assert.Equal(["10.0.0.5:vm-1", "10.0.0.8:admin"], replace.Registrations.Select(r => $"{r.Address}:{r.Owner}").Order());
        Assert.Equal(ChangeStatus.Updated, removed.Status);
        Assert.Empty(temp.Registry.Current.All);
    }

    [Fact]
    public async Task AVmKeepsItsOwnAddressesInAPoolAnAdminJoined()
    {
        await using var temp = Create();
        var vm = Vm("vm-1", "web-*");
        await temp.Registry.SubmitAsync(new RegisterChange(vm, "web-1", Ip("10.0.0.5"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Admin(), "web-1", Ip("10.0.0.6"), 60));

        var refresh = await temp.Registry.SubmitAsync(new RegisterChange(vm, "web-1", Ip("10.0.0.5"), 60));
        var replace = await temp.Registry.SubmitAsync(new ReplaceChange(vm, "web-1", [Ip("10.0.0.7")], 60));
        var removeAdmins = await temp.Registry.SubmitAsync(new RemoveChange(vm, "web-1", Ip("10.0.0.6")));

        Assert.Equal(ChangeStatus.Updated, refresh.Status);
        Assert.Equal(["10.0.0.6:admin", "10.0.0.7:vm-1"], replace.Registrations.Select(r => $"{r.Address}:{r.Owner}").Order());
        Assert.Equal(ChangeStatus.Forbidden, removeAdmins.Status);
    }

    [Fact]
    public async Task AVmCannotTakeANameThatHasOperatorWrittenRecords()
    {
        await using var temp = Create(OperatorZone);

        var outcome = await temp.Registry.SubmitAsync(new RegisterChange(Vm("vm-1", "*"), "mail", Ip("10.0.0.5"), 60));

        Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
        Assert.Contains("zone file", outcome.Reason);
    }

    [Fact]
    public async Task NoOneRegistersAnAddressTheZoneFileAlreadyHoldsAtThatName()
    {
        await using var temp = Create(OperatorZone);

        var duplicate = await temp.Registry.SubmitAsync(new RegisterChange(Admin(), "mail", Ip("10.1.1.1"), 60));
        var removeOperator = await temp.Registry.SubmitAsync(new RemoveChange(Admin(), "mail", null));
        var poolBesideOperator = await temp.Registry.SubmitAsync(new RegisterChange(Admin(), "mail", Ip("10.1.1.9"), 60));

        Assert.Equal(ChangeStatus.Forbidden, duplicate.Status);
        Assert.Equal(ChangeStatus.NotFound, removeOperator.Status);
        Assert.Equal(ChangeStatus.Created, poolBesideOperator.Status);
    }

    [Fact]
    public async Task ChangesInOneBatchSeeEachOtherInSubmissionOrder()
    {
        await using var temp = Create();
        var vm1 = Vm("vm-1", "web-*");
        var vm2 = Vm("vm-2", "web-*");

        // Submitted without awaiting, so the writer usually takes them as one batch.
        var first = temp.Registry.SubmitAsync(new RegisterChange(vm1, "web-1", Ip("10.0.0.5"), 60));
        var second = temp.Registry.SubmitAsync(new RegisterChange(vm2, "web-1", Ip("10.0.0.6"), 60));
        var third = temp.Registry.SubmitAsync(new RemoveChange(vm1, "web-1", null));
        var fourth = temp.Registry.SubmitAsync(new RegisterChange(vm2, "web-1", Ip("10.0.0.6"), 60));

        Assert.Equal(ChangeStatus.Created, (await first).Status);
        Assert.Equal(ChangeStatus.Forbidden, (await second).Status);
        Assert.Equal(ChangeStatus.Updated, (await third).Status);
        Assert.Equal(ChangeStatus.Created, (await fourth).Status);
        Assert.Equal("vm-2", Assert.Single(temp.Registry.Current.All).Owner);
    }
}
