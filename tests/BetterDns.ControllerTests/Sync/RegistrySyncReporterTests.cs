using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns.Sync;
using BetterDns.Registry;
using BetterDns.Zone.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace BetterDns.ControllerTests.Sync;

/// <summary>What the verifier hands the registry: one MarkInSyncChange per name, as the controller (an admin).</summary>
public sealed class RegistrySyncReporterTests
{
    [Fact]
    public async Task SubmitsOneMarkInSyncChangePerNameWithItsAnsweredAddresses()
    {
        var registry = new SubmissionRecorder();
        var reporter = new RegistrySyncReporter(registry, NullLogger<RegistrySyncReporter>.Instance);

        await reporter.ReportInSyncAsync(
            [Registration("web-1", "10.0.0.5"), Registration("web-1", "10.0.0.6"), Registration("db", "10.0.1.1")],
            CancellationToken.None);

        var changes = registry.Submitted.Cast<MarkInSyncChange>().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["db", "web-1"], changes.Select(c => c.Name));
        Assert.Equal([IPAddress.Parse("10.0.1.1")], changes[0].Addresses);
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.6")], changes[1].Addresses);
        Assert.All(changes, c => Assert.True(c.Actor.IsAdmin));
        Assert.All(changes, c => Assert.Equal("dns-controller", c.Actor.Subject));
    }

    private static Registration Registration(string name, string address) => new()
    {
        Name = name,
        Fqdn = TestZone.Name(name),
        Address = IPAddress.Parse(address),
        Ttl = 60,
        Owner = "vm",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private sealed class SubmissionRecorder : IRegistry
    {
        public ConcurrentQueue<RegistryChange> Submitted { get; } = new();

        public RegistrySnapshot Current { get; } = new(0, TestZone.Build(1), ImmutableSortedDictionary<DomainName, ImmutableArray<Registration>>.Empty);

        public string ZoneFilePath => "/nonexistent";

        public event Action<RegistrySnapshot>? SnapshotPublished { add { } remove { } }

        public event Action<RegistrySnapshot>? ZoneFileWritten { add { } remove { } }

        public Task<ChangeOutcome> SubmitAsync(RegistryChange change, CancellationToken cancellationToken = default)
        {
            Submitted.Enqueue(change);
            return Task.FromResult(new ChangeOutcome(ChangeStatus.Updated, []));
        }

        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
