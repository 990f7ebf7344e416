using System.Net;
using BetterDns.Registry;
using BetterDns.Registry.Journal;
using BetterDns.Zone.Model;
using static BetterDns.Tests.Registry.TempRegistry;

namespace BetterDns.Tests.Registry;

public sealed class JournalReplayTests
{
    private static readonly Actor Vm1 = Vm("vm-1", "*");

    [Fact]
    public async Task BytesPastTheValidLengthTheNextSegmentRecordsAreNeverReplayed()
    {
        await using var temp = Create(configure: s => s with { ZoneFlushInterval = TimeSpan.FromHours(1) });
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        await temp.Registry.StopWithoutCheckpointAsync();
        var first = temp.JournalSegments().Order().Last();
        var validLength = new FileInfo(first).Length;

        // A write whose fsync failed but whose bytes landed whole: a valid frame the writer never acknowledged.
        using (var stream = new FileStream(first, FileMode.Append))
        {
            stream.Write(JournalCodec.EncodeBatch([new UpsertOp(Registration("web-unacknowledged", "10.0.0.66"))], new MemoryStream()).Span);
        }

        // The writer then moved to a fresh segment whose header says how much of the old one is valid.
        var number = long.Parse(Path.GetFileNameWithoutExtension(first)["journal-".Length..]);
        using (var next = JournalSegment.Create(temp.DataDirectory, number + 1, number, validLength))
        {
            next.Append(JournalCodec.EncodeBatch([new UpsertOp(Registration("web-2", "10.0.0.2"))], new MemoryStream()).Span);
        }

        var reopened = await temp.RestartAsync();

        Assert.Equal(["web-1", "web-2"], reopened.Current.All.Select(r => r.Name).Order());
        Assert.DoesNotContain(temp.ReadZoneFile().Records, r => r.Owner.Value.StartsWith("web-unacknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReplayingSegmentsTheFilesAlreadyContainChangesNothing()
    {
        await using var temp = Create(configure: s => s with { ZoneFlushInterval = TimeSpan.FromHours(1) });
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-2", Ip("10.0.0.2"), 60));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-3", Ip("10.0.0.3"), 60));
        await temp.Registry.SubmitAsync(new RemoveChange(Vm1, "web-2", null));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 300));
        var saved = temp.JournalSegments().ToDictionary(p => p, File.ReadAllBytes);

        // A crash after the checkpoint wrote both files but before it deleted the segments it covers.
        await temp.Registry.FlushAsync();
        await temp.Registry.StopWithoutCheckpointAsync();
        var expected = temp.ReadZoneFile().Records.Where(r => r.Type != RecordType.SOA).ToList();
        foreach (var (path, bytes) in saved)
        {
            File.WriteAllBytes(path, bytes);
        }

        var reopened = await temp.RestartAsync();

        Assert.Equal(["web-1:300", "web-3:60"], reopened.Current.All.Select(r => $"{r.Name}:{r.Ttl}").Order());
        Assert.Equal(expected.ToHashSet(), temp.ReadZoneFile().Records.Where(r => r.Type != RecordType.SOA).ToHashSet());
        Assert.Equal(expected.Count, temp.ReadZoneFile().Records.Count(r => r.Type != RecordType.SOA));
    }

    [Fact]
    public void EveryOperationKindRoundTripsThroughTheCodec()
    {
        var origin = Origin;
        var upsert = Registration("Web-1", "10.0.0.1") with { Ttl = 42, Owner = "vm \u00e9\u4e2d", UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(3) };
        var v6 = Registration("v6", "fd00::1");
        RegistrationOp[] ops = [new UpsertOp(upsert), new DeleteOp("gone", IPAddress.Parse("10.0.0.9")), new UpsertOp(v6)];

        var frame = JournalCodec.EncodeBatch(ops, new MemoryStream()).ToArray();
        var (batches, validLength, _) = JournalCodec.Decode(frame, frame.Length, origin);

        Assert.Equal(frame.Length, validLength);
        Assert.Equal(ops, Assert.Single(batches));
    }

    private static Registration Registration(string name, string ip) => new()
    {
        Name = name,
        Fqdn = DomainName.Parse(name, Origin),
        Address = IPAddress.Parse(ip),
        Ttl = 60,
        Owner = "vm-1",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };
}
