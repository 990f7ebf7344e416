using BetterDns.Zone.Model;

namespace BetterDns.Registry;

/// <summary>
/// What one published snapshot changed in the zone compared with the snapshot before it: the names whose
/// served records may differ, whether the apex SOA changed (a checkpoint's new serial), and whether the
/// operator's records changed (start-up, a zone-file edit), which no name list can describe.
/// Each node links to the next snapshot's node once that is published, so a reader that last saw one
/// snapshot walks forward to learn what changed since, in O(changes); nodes nobody holds become garbage.
/// </summary>
internal sealed class ZoneChanges(IReadOnlyCollection<DomainName> names, bool soaChanged, bool operatorRecordsChanged)
{
    private ZoneChanges? _next;

    public IReadOnlyCollection<DomainName> Names { get; } = names;

    public bool SoaChanged { get; } = soaChanged;

    /// <summary>True when the operator's part of the zone changed: a reader must look at all of it again.</summary>
    public bool OperatorRecordsChanged { get; } = operatorRecordsChanged;

    /// <summary>The changes of the snapshot published after this one (null until it is published).</summary>
    public ZoneChanges? Next => Volatile.Read(ref _next);

    /// <summary>Links the next snapshot's changes; set once, by the writer, before that snapshot is published.</summary>
    public void Link(ZoneChanges next) => Volatile.Write(ref _next, next);
}
