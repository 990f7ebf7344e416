using System.Net;
using BetterDns.Zone.Model;

namespace BetterDns.Registry;

/// <summary>
/// The one road for every change (ARCHITECTURE.md): endpoints, the health checker and the zone-file
/// watcher submit changes; one writer batches them, persists them durably, publishes a new snapshot,
/// and only then completes each submission.
/// </summary>
public interface IRegistry
{
    /// <summary>The latest published snapshot. Never blocks.</summary>
    RegistrySnapshot Current { get; }

    /// <summary>
    /// Applies the change through the writer; completes once it is durable on disk. Cancelling stops the
    /// wait only: a change already queued may still be applied.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a domain name inside the zone (the API validates first).</exception>
    Task<ChangeOutcome> SubmitAsync(RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>Raised after each new snapshot is published (the DNS controller listens).</summary>
    event Action<RegistrySnapshot>? SnapshotPublished;

    /// <summary>The zone file the registry keeps (what <c>GET /</c> with <c>Accept: text/dns</c> returns).</summary>
    string ZoneFilePath { get; }

    /// <summary>
    /// Raised after the zone file was rewritten, with a snapshot whose zone is exactly what the file now
    /// holds (a DNS server that reads the file can reload now).
    /// </summary>
    event Action<RegistrySnapshot>? ZoneFileWritten;

    /// <summary>
    /// Brings the zone file up to date with every change acknowledged so far (does nothing when it is);
    /// throws the I/O error when the file cannot be written.
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the registrations the DNS server was seen answering as <see cref="SyncStatus.InSync"/>
    /// (the sync verifier calls it). Runs in order with the writer's batches and publishes a snapshot
    /// whose <see cref="RegistrySnapshot.Zone"/> is the same instance as before (no record changed).
    /// The status is not persisted: after a restart every registration is PENDING until verified again.
    /// Keys with no registration are ignored.
    /// </summary>
    Task MarkInSyncAsync(IEnumerable<(DomainName Fqdn, IPAddress Address)> answered, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the zone file as it is on disk now and, when an operator changed it (not our own last write),
    /// merges the edit: the operator's records (SOA, NS, MX, TXT, hand-written addresses, …) become the
    /// file's, API registrations stay as the API has them, and a file with errors is rejected whole while
    /// the last good zone keeps serving. The zone-file watcher calls it after a debounce.
    /// </summary>
    Task<ZoneFileEditOutcome> ApplyZoneFileEditAsync(CancellationToken cancellationToken = default);
}
