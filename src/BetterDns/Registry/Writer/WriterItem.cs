using BetterDns.Zone.Model;

namespace BetterDns.Registry.Writer;

/// <summary>What the writer's queue carries: submissions, and requests from the checkpointer that must run in order with them.</summary>
internal abstract record WriterItem;

/// <summary>A change with its resolved name, and the task its submitter awaits.</summary>
internal sealed record Submission(RegistryChange Change, DomainName Fqdn) : WriterItem
{
    public TaskCompletionSource<ChangeOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Runs <see cref="Action"/> on the writer between two batches.</summary>
internal sealed record WriterControl(Action Action) : WriterItem
{
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// What a checkpoint writes: a snapshot and the journal position it covers (every segment numbered
/// below <see cref="FirstUncoveredSegment"/> is contained in it).
/// </summary>
internal sealed record CheckpointCapture(RegistrySnapshot Snapshot, Func<uint, DnsZone> ZoneWithSerial, long ChangeCount, long FirstUncoveredSegment, uint Serial);
