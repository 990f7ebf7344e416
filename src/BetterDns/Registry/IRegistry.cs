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

    /// <summary>Applies the change through the writer; completes once it is durable on disk.</summary>
    Task<ChangeOutcome> SubmitAsync(RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>Raised after each new snapshot is published (the DNS controller listens).</summary>
    event Action<RegistrySnapshot>? SnapshotPublished;
}
