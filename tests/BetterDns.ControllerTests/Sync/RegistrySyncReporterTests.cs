using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns.Sync;
using BetterDns.Registry;
using BetterDns.Zone.Model;

namespace BetterDns.ControllerTests.Sync;

/// <summary>What the verifier hands the registry: the (name, address) keys the server answered.</summary>
public sealed class RegistrySyncReporterTests
{
    [Fact]
    public async Task MarksExactlyTheAnsweredNameAndAddressPairs()
    {
        var registry = new SubmissionRecorder();
        var reporter = new RegistrySyncReporter(registry);

        await reporter.ReportInSyncAsync(
            [Registration("web-1", "10.0.0.5"), Registration("web-1", "10.0.0.6"), Registration("db", "10.0.1.1")],
            CancellationToken.None);

        Assert.Equal(
            [(TestZone.Name("web-1"), IPAddress.Parse("10.0.0.5")), (TestZone.Name("web-1"), IPAddress.Parse("10.0.0.6")), (TestZone.Name("db"), IPAddress.Parse("10.0.1.1"))],
            registry.Marked);
        Assert.Empty(registry.Submitted);
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

        public List<(DomainName, IPAddress)> Marked { get; } = [];

        public Task MarkInSyncAsync(IEnumerable<(DomainName Fqdn, IPAddress Address)> answered, CancellationToken cancellationToken = default)
        {
            Marked.AddRange(answered.Select(a => (a.Fqdn, a.Address)));
            return Task.CompletedTask;
        }
    }
}
