namespace BetterDns.Registry.Options;

/// <summary>Tuning of the writer (configuration section <c>Registry</c>).</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>Most changes one group commit takes from the queue.</summary>
    public int MaxBatch { get; set; } = 512;

    /// <summary>How soon after a change the zone file and metadata follow the journal (coalesced).</summary>
    public TimeSpan ZoneFlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Most of a core rewriting the zone file and metadata may take under sustained writes: after a
    /// checkpoint that took d the next waits d · (1 − share) / share (see <see cref="CheckpointPacing"/>).
    /// </summary>
    public double CheckpointShare { get; set; } = 0.1;

    /// <summary>Longest rest between checkpoints: bounds the journal a restart replays (about this many seconds of writes).</summary>
    public TimeSpan MaxCheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most registrations one VM subject may hold; over it a change is <see cref="ChangeStatus.LimitReached"/>.</summary>
    public int MaxRecordsPerOwner { get; set; } = 64;
}
