using BetterDns.Registry;
using BetterDns.Tests.Infrastructure;
using BetterDns.Zone.Model;
using static BetterDns.Tests.Registry.TempRegistry;

namespace BetterDns.Tests.Registry;

/// <summary>Whatever names reach the registry, the zone file it writes stays a valid zone that BIND accepts.</summary>
public sealed class ZoneFileSafetyTests
{
    private const string OperatorZone = """
        $ORIGIN cluster.internal.
        $TTL 300
        @       3600 IN SOA ns1 hostmaster 2020010101 7200 900 2419200 120
        @       3600 IN NS  ns1
        @       3600 IN MX  10 mail
        @       3600 IN TXT "v=spf1 -all" "second string; with (specials)"
        ns1     3600 IN A   127.0.0.1
        mail    300  IN A   10.1.1.1
        """;

    [Theory]
    [InlineData(@"semi\;colon")]
    [InlineData(@"paren\(open")]
    [InlineData(@"quote\""d")]
    [InlineData(@"dollar\$sign")]
    [InlineData(@"new\010line")]
    [InlineData(@"back\\slash")]
    [InlineData(@"space\032d")]
    [InlineData(@"at\@sign")]
    public async Task EscapedSpecialCharactersInNamesAreWrittenEscapedAndReadBackAsTheSameName(string name)
    {
        await using var temp = Create(OperatorZone);
        var outcome = await temp.Registry.SubmitAsync(new RegisterChange(Admin(), name, Ip("10.0.0.5"), 60));
        await temp.Registry.FlushAsync();

        var written = Assert.Single(outcome.Registrations).Fqdn;
        var zone = temp.ReadZoneFile();

        Assert.Single(zone.Records, r => r.Owner == written && r.Data is AData);
        Assert.Equal(6, zone.Records.Count(r => r.Owner != written));
        BindCheck.AssertAccepts(temp.Settings.ZoneFile);
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("tab\tbed")]
    [InlineData("uni\u00e7ode")]
    [InlineData("emoji\U0001F600")]
    public async Task RawControlAndNonAsciiCharactersAreRejectedBeforeTheWriter(string name)
    {
        await using var temp = Create(OperatorZone);
        var before = File.ReadAllBytes(temp.Settings.ZoneFile);

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Registry.SubmitAsync(new RegisterChange(Admin(), name, Ip("10.0.0.5"), 60)));
        await temp.Registry.FlushAsync();

        Assert.Equal(before, File.ReadAllBytes(temp.Settings.ZoneFile));
    }

    [Fact]
    public async Task BindAcceptsTheZoneFileAfterManyChanges()
    {
        await using var temp = Create(OperatorZone);
        for (var i = 0; i < 50; i++)
        {
            await temp.Registry.SubmitAsync(new RegisterChange(Vm($"vm-{i % 7}", "*"), $"host-{i % 13}", Ip($"10.0.{i % 5}.{i}"), (uint)(30 + i)));
        }

        await temp.Registry.SubmitAsync(new RemoveChange(Admin(), "host-3", null));
        await temp.Registry.FlushAsync();

        BindCheck.AssertAccepts(temp.Settings.ZoneFile);
    }
}
