using BetterDns.Registry;
using BetterDns.Zone.Model;
using static BetterDns.Tests.Registry.TempRegistry;

namespace BetterDns.Tests.Registry;

public sealed class RegistryDurabilityTests
{
    private const string OperatorZone = """
        $ORIGIN cluster.internal.
        $TTL 300
        cluster.internal. 3600 IN SOA ns1.cluster.internal. hostmaster.cluster.internal. 2020010101 7200 900 2419200 120
        cluster.internal. 3600 IN NS ns1.cluster.internal.
        cluster.internal. 3600 IN MX 10 mail.cluster.internal.
        cluster.internal. 3600 IN TXT "v=spf1"
        ns1.cluster.internal. 3600 IN A 127.0.0.1
        mail.cluster.internal. 300 IN A 10.1.1.1
        legacy.cluster.internal. 300 IN A 10.1.1.2
        """;

    private static readonly Actor Vm1 = Vm("vm-1", "*");

    [Fact]
    public async Task FirstStartCreatesAZoneFileWithSoaNsAndTheNameServersAddress()
    {
        await using var temp = Create();

        var zone = temp.ReadZoneFile();

        var soa = Assert.IsType<SoaData>(zone.SoaRecord?.Data);
        Assert.Equal(DomainName.Parse("ns1.cluster.internal."), soa.PrimaryNameServer);
        var today = DateTime.UtcNow;
        Assert.Equal((uint)((today.Year * 10000 + today.Month * 100 + today.Day) * 100 + 1), soa.Serial);
        Assert.Contains(zone.Records, r => r.Type == RecordType.NS && ((NameData)r.Data).Target == soa.PrimaryNameServer);
        Assert.Contains(zone.Records, r => r.Owner == soa.PrimaryNameServer && r.Data is AData a && a.Address.ToString() == "127.0.0.1");
    }

    [Fact]
    public async Task ARestartKeepsEveryAcknowledgedRegistration()
    {
        await using var temp = Create();
        for (var i = 0; i < 20; i++)
        {
            await temp.Registry.SubmitAsync(new RegisterChange(Vm1, $"web-{i}", Ip($"10.0.1.{i}"), 60));
        }

        await temp.Registry.SubmitAsync(new RemoveChange(Vm1, "web-3", null));
        var before = temp.Registry.Current.All.OrderBy(r => r.Name).ToList();

        var reopened = await temp.RestartAsync();

        Assert.Equal(19, before.Count);
        Assert.Equal(before, reopened.Current.All.OrderBy(r => r.Name).ToList());
        Assert.Equal(19, temp.ReadZoneFile().Records.Count(r => r.Owner.Labels[0].StartsWith("web-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ACrashAfterTheJournalWriteAndBeforeTheCheckpointLosesNothing()
    {
        await using var temp = Create(configure: s => s with { ZoneFlushInterval = TimeSpan.FromHours(1) });
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ChangeStatus.Created, (await temp.Registry.SubmitAsync(new RegisterChange(Vm1, $"web-{i}", Ip($"10.0.2.{i}"), 60))).Status);
        }

        Assert.DoesNotContain(temp.ReadZoneFile().Records, r => r.Owner.Value.StartsWith("web-", StringComparison.Ordinal));

        var reopened = await temp.RestartAsync(crash: true);

        Assert.Equal(10, reopened.Current.All.Count());
        Assert.Equal(10, temp.ReadZoneFile().Records.Count(r => r.Owner.Value.StartsWith("web-", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"web-{i}").Order(), reopened.Current.All.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task ATornLastJournalEntryIsIgnoredAndEverythingBeforeItIsReplayed()
    {
        await using var temp = Create(configure: s => s with { ZoneFlushInterval = TimeSpan.FromHours(1) });
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.3.1"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-2", Ip("10.0.3.2"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-3", Ip("10.0.3.3"), 60));
        await temp.Registry.StopWithoutCheckpointAsync();

        // Cut the last frame in half, as a crash in the middle of its write would.
        var segment = temp.JournalSegments().Order().Last();
        var bytes = File.ReadAllBytes(segment);
        var lastFrameStart = FrameStarts(bytes).Last();
        File.WriteAllBytes(segment, bytes[..(lastFrameStart + (bytes.Length - lastFrameStart) / 2)]);

        var reopened = await temp.RestartAsync();

        Assert.Equal(["web-1", "web-2"], reopened.Current.All.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task AJournalEntryWithAFlippedByteIsIgnored()
    {
        await using var temp = Create(configure: s => s with { ZoneFlushInterval = TimeSpan.FromHours(1) });
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.3.1"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-2", Ip("10.0.3.2"), 60));
        await temp.Registry.StopWithoutCheckpointAsync();

        var segment = temp.JournalSegments().Order().Last();
        var bytes = File.ReadAllBytes(segment);
        bytes[^3] ^= 0x40;
        File.WriteAllBytes(segment, bytes);

        var reopened = await temp.RestartAsync();

        Assert.Equal("web-1", Assert.Single(reopened.Current.All).Name);
    }

    [Fact]
    public async Task OperatorRecordsSurviveManyWritesUnchanged()
    {
        await using var temp = Create(OperatorZone);
        var operatorRecords = temp.ReadZoneFile().Records.Where(r => r.Type != RecordType.SOA).ToHashSet();
        var soaBefore = (SoaData)temp.ReadZoneFile().SoaRecord!.Data;

        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 10; i++)
            {
                await temp.Registry.SubmitAsync(new RegisterChange(Vm1, $"web-{i}", Ip($"10.0.4.{i + (round * 10)}"), 60));
            }

            await temp.Registry.SubmitAsync(new RemoveChange(Vm1, $"web-{round}", null));
            await temp.Registry.FlushAsync();
        }

        await temp.RestartAsync();
        var zone = temp.ReadZoneFile();
        var soaAfter = (SoaData)zone.SoaRecord!.Data;

        Assert.Equal(300u, zone.DefaultTtl);
        Assert.Equal(soaBefore with { Serial = soaAfter.Serial }, soaAfter);
        Assert.Equal(3600u, zone.SoaRecord.Ttl);
        Assert.Subset(zone.Records.ToHashSet(), operatorRecords);
        Assert.Equal(
            operatorRecords.Count + temp.Registry.Current.All.Count(),
            zone.Records.Count(r => r.Type != RecordType.SOA));
    }

    [Fact]
    public async Task TheSoaSerialIncreasesOnEveryZoneFileWrite()
    {
        await using var temp = Create(OperatorZone);
        var serials = new List<uint> { ((SoaData)temp.ReadZoneFile().SoaRecord!.Data).Serial };
        var written = new List<uint>();
        temp.Registry.ZoneFileWritten += s => { lock (written) { written.Add(s.Zone.Soa!.Serial); } };

        for (var i = 0; i < 5; i++)
        {
            await temp.Registry.SubmitAsync(new RegisterChange(Vm1, $"web-{i}", Ip($"10.0.5.{i}"), 60));
            await temp.Registry.FlushAsync();
            serials.Add(((SoaData)temp.ReadZoneFile().SoaRecord!.Data).Serial);
        }

        Assert.Equal(serials.Distinct().Order(), serials);
        Assert.Equal(6, serials.Distinct().Count());
        lock (written)
        {
            Assert.Equal(serials.Skip(1), written);
        }

        Assert.Equal(serials[^1], temp.Registry.Current.Zone.Soa!.Serial);
    }

    [Fact]
    public async Task FlushWithNothingNewLeavesTheZoneFileAlone()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.6.1"), 60));
        await temp.Registry.FlushAsync();
        var text = File.ReadAllText(temp.Settings.ZoneFile);

        await temp.Registry.FlushAsync();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm("vm-2", "db-*"), "web-1", Ip("10.0.6.2"), 60));
        await temp.Registry.FlushAsync();

        Assert.Equal(text, File.ReadAllText(temp.Settings.ZoneFile));
    }

    [Fact]
    public async Task TheZoneFileFollowsWithinTheFlushIntervalWithoutBeingAsked()
    {
        await using var temp = Create(configure: s => s with { ZoneFlushInterval = TimeSpan.FromMilliseconds(20) });
        var written = new TaskCompletionSource<RegistrySnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        temp.Registry.ZoneFileWritten += s => written.TrySetResult(s);

        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.7.1"), 60));
        var snapshot = await written.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains(temp.ReadZoneFile().Records, r => r.Data is AData a && a.Address.ToString() == "10.0.7.1");
        Assert.Single(snapshot.All);
    }

    [Fact]
    public async Task CheckpointsRemoveTheJournalSegmentsTheyContain()
    {
        await using var temp = Create();
        for (var i = 0; i < 5; i++)
        {
            await temp.Registry.SubmitAsync(new RegisterChange(Vm1, $"web-{i}", Ip($"10.0.8.{i}"), 60));
            await temp.Registry.FlushAsync();
        }

        Assert.Single(temp.JournalSegments());
    }

    [Fact]
    public async Task OpeningTheDataDirectoryWithAnotherOriginFailsInsteadOfDroppingRegistrations()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.9.1"), 60));
        await temp.Registry.FlushAsync();

        var error = Assert.Throws<InvalidDataException>(() =>
            DurableRegistry.Open(BetterDns.Registry.Options.RegistrySettings.ForDirectory(temp.DataDirectory, "other.internal.")));

        Assert.Contains("other.internal.", error.Message);
    }

    [Fact]
    public async Task AnUnreadableMetadataFileFailsStartUpWithItsPath()
    {
        await using var temp = Create();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.9.1"), 60));
        await temp.Registry.DisposeAsync();
        var metadata = Path.Combine(temp.DataDirectory, "registrations.json");
        File.WriteAllText(metadata, "{\"format\":1,\"registrations\":[{\"name\":");

        var error = Assert.Throws<InvalidDataException>(() => DurableRegistry.Open(temp.Settings));

        Assert.Contains("registrations.json", error.Message);
        File.Delete(metadata);
    }

    [Fact]
    public async Task AfterDisposalChangesAreUnavailableAndFlushIsRefused()
    {
        await using var temp = Create();
        await temp.Registry.DisposeAsync();

        var outcome = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.9.1"), 60));

        Assert.Equal(ChangeStatus.Unavailable, outcome.Status);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => temp.Registry.FlushAsync());
    }

    private static List<int> FrameStarts(byte[] segment)
    {
        var starts = new List<int>();
        for (var offset = 0; offset + 8 <= segment.Length;)
        {
            starts.Add(offset);
            offset += 8 + (int)BitConverter.ToUInt32(segment, offset);
        }

        return starts;
    }
}
