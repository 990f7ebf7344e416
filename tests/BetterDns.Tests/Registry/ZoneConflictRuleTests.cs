using BetterDns.Registry;
using BetterDns.Tests.Infrastructure;
using BetterDns.Zone.Model;
using static BetterDns.Tests.Registry.TempRegistry;

namespace BetterDns.Tests.Registry;

/// <summary>
/// The zone stays one BIND loads and answers as registered: no registration where the operator's CNAME,
/// DNAME or NS is in the way, and no operator edit that puts one in the way of a registration.
/// </summary>
public sealed class ZoneConflictRuleTests
{
    private const string OperatorZone = """
        $ORIGIN cluster.internal.
        $TTL 300
        @ IN SOA ns1 hostmaster 1 3600 600 86400 60
        @ IN NS ns1
        ns1 IN A 10.9.0.1
        k8s IN NS ns1.k8s
        ns1.k8s IN A 10.9.0.2
        alias IN CNAME web-1
        moved IN DNAME elsewhere.example.
        ext IN NS gw
        """;

    /// <summary>Patterns that match any name of up to three labels ('*' stays inside one label), so the conflict decides.</summary>
    private static readonly string[] AnyName = ["*", "*.*", "*.*.*"];

    [Theory]
    [InlineData("k8s", "NS record at 'k8s'")]
    [InlineData("ns1.k8s", "below the delegation of 'k8s'")]
    [InlineData("web.ns1.k8s", "below the delegation of 'k8s'")]
    [InlineData("alias", "CNAME record at 'alias'")]
    [InlineData("moved", "DNAME record at 'moved'")]
    [InlineData("x.moved", "below the DNAME at 'moved'")]
    [InlineData("gw", "'gw' is a name server of 'ext'")]
    [InlineData("ns1", "'ns1' is a name server of the zone cluster.internal.")]
    public async Task NoOneRegistersWhereTheOperatorsRecordsAreInTheWay(string name, string conflict)
    {
        await using var temp = Create(OperatorZone);

        var vm = await temp.Registry.SubmitAsync(new RegisterChange(Vm("vm-1", AnyName), name, Ip("10.0.0.5"), 60));
        var admin = await temp.Registry.SubmitAsync(new RegisterChange(Admin(), name, Ip("10.0.0.6"), 60));
        var adminPut = await temp.Registry.SubmitAsync(new ReplaceChange(Admin(), name, [Ip("10.0.0.7")], 60));

        Assert.All([vm, admin, adminPut], outcome =>
        {
            Assert.Equal(ChangeStatus.Conflict, outcome.Status);
            Assert.Contains(conflict, outcome.Reason);
        });
        Assert.Empty(temp.Registry.Current.All);
        await temp.Registry.FlushAsync();
        BindCheck.AssertAccepts(temp.Settings.ZoneFile);
    }

    [Theory]
    [InlineData("web-9 IN CNAME web-1", "'web-9' is registered through the API, but the zone file has a CNAME record at 'web-9'")]
    [InlineData("web-9 IN DNAME elsewhere.example.", "DNAME record at 'web-9'")]
    [InlineData("web-9 IN NS ns1", "NS record at 'web-9'")]
    [InlineData("pool IN NS ns1", "'a.pool' is below the delegation of 'pool'")]
    [InlineData("pool IN DNAME elsewhere.example.", "'a.pool' is below the DNAME at 'pool'")]
    [InlineData("delegated IN NS web-9.cluster.internal.", "'web-9' is a name server of 'delegated'")]
    public async Task AnOperatorEditThatConflictsWithARegistrationIsRejectedWholeNamingTheConflict(string line, string conflict)
    {
        await using var temp = Create(OperatorZone);
        await temp.Registry.SubmitAsync(new RegisterChange(Vm("vm-1", "web-*"), "web-9", Ip("10.0.0.9"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Admin(), "a.pool", Ip("10.0.0.10"), 60));
        await temp.Registry.FlushAsync();
        var edit = await File.ReadAllTextAsync(temp.Settings.ZoneFile) + $"harmless IN TXT \"same edit\"\n{line}\n";
        await File.WriteAllTextAsync(temp.Settings.ZoneFile, edit);

        var outcome = await temp.Registry.ApplyZoneFileEditAsync();

        Assert.Equal(ZoneFileEditStatus.Rejected, outcome.Status);
        Assert.Contains(outcome.Errors, e => e.Message.Contains(conflict, StringComparison.Ordinal));
        Assert.Equal(edit, await File.ReadAllTextAsync(temp.Settings.ZoneFile + ".rejected"));
        // The good zone is back on disk already, registrations and all, and nothing of the edit was merged.
        var onDisk = temp.ReadZoneFile();
        Assert.DoesNotContain(onDisk.Records, r => r.Owner.Value.StartsWith("harmless.", StringComparison.Ordinal));
        Assert.Contains(onDisk.Records, r => r.Data is AData { Address: var a } && a.ToString() == "10.0.0.9");
        Assert.DoesNotContain(temp.Registry.Current.Zone.Records, r => r.Owner.Value.StartsWith("harmless.", StringComparison.Ordinal));
        Assert.Equal(["10.0.0.10", "10.0.0.9"], temp.Registry.Current.All.Select(r => r.Address.ToString()).Order());
        BindCheck.AssertAccepts(temp.Settings.ZoneFile);
    }

    [Fact]
    public async Task AnEditThatConflictsWithNothingIsApplied()
    {
        await using var temp = Create(OperatorZone);
        await temp.Registry.SubmitAsync(new RegisterChange(Vm("vm-1", "web-*"), "web-9", Ip("10.0.0.9"), 60));
        await temp.Registry.FlushAsync();
        await File.AppendAllTextAsync(temp.Settings.ZoneFile, "www IN CNAME web-9\nsub IN NS ns1\n");

        var outcome = await temp.Registry.ApplyZoneFileEditAsync();

        Assert.Equal(ZoneFileEditStatus.Applied, outcome.Status);
        await temp.Registry.FlushAsync();
        BindCheck.AssertAccepts(temp.Settings.ZoneFile);
    }

    [Fact]
    public async Task AZoneFileEditedIntoAConflictWhileTheServiceWasDownIsRefusedAtStartNamingTheConflict()
    {
        await using var temp = Create(OperatorZone);
        await temp.Registry.SubmitAsync(new RegisterChange(Vm("vm-1", "web-*"), "web-9", Ip("10.0.0.9"), 60));
        await temp.Registry.DisposeAsync();
        await File.AppendAllTextAsync(temp.Settings.ZoneFile, "web-9 IN CNAME web-1\n");

        var refused = Assert.Throws<InvalidDataException>(() => DurableRegistry.Open(temp.Settings));

        Assert.Contains("CNAME record at 'web-9'", refused.Message);
        Assert.Contains("web-9 IN CNAME web-1", await File.ReadAllTextAsync(temp.Settings.ZoneFile));
        // Fixed by the operator, it starts with the registration intact.
        await File.WriteAllTextAsync(temp.Settings.ZoneFile, (await File.ReadAllTextAsync(temp.Settings.ZoneFile)).Replace("web-9 IN CNAME web-1\n", ""));
        await using var reopened = DurableRegistry.Open(temp.Settings);
        Assert.Equal("vm-1", Assert.Single(reopened.Current.All).Owner);
    }
}
