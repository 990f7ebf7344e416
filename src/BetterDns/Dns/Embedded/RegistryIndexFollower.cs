using BetterDns.Dns.Wire;
using BetterDns.Registry;
using BetterDns.Registry.Writer;
using BetterDns.Zone.Model;
using Microsoft.Extensions.Logging;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// Follows the registry's snapshots with a frozen base index (a full <see cref="ZoneIndex.Build"/>) and a
/// small overlay of the names changed since, so a query after a write costs O(changes) instead of building
/// the zone and indexing it again. The overlay has two layers so that no step copies much: a recent layer
/// of at most <see cref="MaxRecent"/> names, copied on every step, over an older layer that is shared
/// until the recent one is folded into it. A checkpoint's new serial costs O(apex records); only an
/// operator's edit costs O(operator records) (they are compared name by name). What the overlay cannot
/// say cheaply (an empty non-terminal a removal may have left) is fixed by a full rebuild, and an overlay
/// grown past <see cref="MaxOverlay"/> is folded into a copy of the base; both run on a background task
/// while queries keep answering from base plus overlay: no query waits O(zone).
/// </summary>
internal sealed partial class RegistryIndexFollower
{
    /// <summary>Above this many changed names the base is rebuilt (in the background).</summary>
    public const int MaxOverlay = 4096;

    /// <summary>Above this many names the recent layer is folded into the older one (each step copies the recent layer).</summary>
    public const int MaxRecent = 256;

    /// <summary>
    /// Without queries the change chain would keep growing from the node this index holds: this many
    /// snapshots behind, the index catches up on the thread pool.
    /// </summary>
    public const int DefaultMaxBehind = 4096;

    private readonly RegistryZoneSource _source;
    private readonly ILogger _logger;
    private readonly long _maxBehind;
    private int _catchingUp;

    public RegistryIndexFollower(RegistryZoneSource source, ILogger logger, long maxBehind = DefaultMaxBehind)
    {
        _source = source;
        _logger = logger;
        _maxBehind = maxBehind;
        source.Registry.SnapshotPublished += OnPublished;
    }

    private readonly Lock _advancing = new();
    private volatile Followed? _followed;
    private bool _rebuilding;
    private Task _rebuild = Task.CompletedTask;
    private int _fullBuilds;
    private int _folds;
    private int _operatorRegroupings;

    public ZoneIndex Current
    {
        get
        {
            var snapshot = _source.Snapshot;
            var followed = _followed;
            return followed is not null && ReferenceEquals(followed.Snapshot, snapshot) ? followed.View : Advance(snapshot);
        }
    }

    /// <summary>The version of the snapshot the index answers for (-1 before the first query).</summary>
    internal long FollowedVersion => _followed?.Snapshot.Version ?? -1;

    // On the writer's thread: O(1), the catching up runs elsewhere.
    private void OnPublished(RegistrySnapshot snapshot)
    {
        if (_followed is { } followed && snapshot.Version - followed.Snapshot.Version > _maxBehind
            && Interlocked.Exchange(ref _catchingUp, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => CatchUp(), null);
        }
    }

    private void CatchUp()
    {
        try
        {
            _ = Current;
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Catching the DNS index up with the registry failed");
        }
        finally
        {
            Volatile.Write(ref _catchingUp, 0);
        }
    }

    /// <summary>The background rebuild running now (completed when none is).</summary>
    internal Task Rebuilding
    {
        get
        {
            lock (_advancing)
            {
                return _rebuild;
            }
        }
    }

    /// <summary>True while the index waits for a background full rebuild (some empty non-terminals may lag).</summary>
    internal bool RebuildPending => _followed?.Stale == true;

    /// <summary>How many times the whole zone has been indexed.</summary>
    internal int FullBuilds => Volatile.Read(ref _fullBuilds);

    /// <summary>How many times a large overlay was folded into a new base instead.</summary>
    internal int Folds => Volatile.Read(ref _folds);

    /// <summary>How many steps regrouped all the operator's records: an edit of the zone file does, a checkpoint's new serial does not.</summary>
    internal int OperatorRegroupings => Volatile.Read(ref _operatorRegroupings);

    private ZoneIndex Advance(RegistrySnapshot snapshot)
    {
        lock (_advancing)
        {
            var followed = _followed;
            if (followed is not null && (ReferenceEquals(followed.Snapshot, snapshot) || followed.Snapshot.Version > snapshot.Version))
            {
                // Another query got here first, perhaps with a newer snapshot: newer is as good.
                return followed.View;
            }

            var next = followed is null ? null : Step(followed, snapshot);
            if (next is null)
            {
                // The first query (or a snapshot the change chain does not reach): index it here, once.
                next = FullBuild(snapshot);
            }
            else if (next.Stale || next.OverlayIsLarge)
            {
                StartRebuild();
            }

            _followed = next;
            return next.View;
        }
    }

    private Followed FullBuild(RegistrySnapshot snapshot)
    {
        var index = ZoneIndex.Build(snapshot.Zone);
        Interlocked.Increment(ref _fullBuilds);
        ZoneIndexCache.LogIndexed(_logger, index.Zone.Origin.Value, index.NameCount, index.Zone.Records.Length, index.BuildTime.TotalMilliseconds);
        var operatorRecords = OperatorRecordIndex.Of(snapshot.OperatorRecords, index.Zone.Origin);
        return new Followed(snapshot, index, operatorRecords, new(WireNameComparer.Instance), new(WireNameComparer.Instance), index, Stale: false);
    }

    /// <summary>
    /// <paramref name="previous"/> moved on to <paramref name="to"/> by the changes between them, or null when
    /// the change chain does not lead there (a snapshot not made by the registry's writer).
    /// </summary>
    private Followed? Step(Followed previous, RegistrySnapshot to)
    {
        if (previous.Snapshot.Changes is null || to.Changes is null || to.OperatorRecords is null)
        {
            return previous.Snapshot.Changes is null && to.Changes is null && ReferenceEquals(previous.Snapshot.Zone, to.Zone)
                ? previous with { Snapshot = to }
                : null;
        }

        if (ZoneChangesBetween.Of(previous.Snapshot, to) is not { } changes)
        {
            return null;
        }

        if (changes.IsEmpty)
        {
            // A snapshot no record sees (sync status): the same answers.
            return previous with { Snapshot = to };
        }

        var (names, soaChanged, operatorChanged) = changes;
        var origin = previous.Base.Zone.Origin;
        var operatorRecords = previous.OperatorRecords;
        if (soaChanged || operatorChanged)
        {
            // A checkpoint changes only the SOA's serial: the apex is all that moves. An operator's edit may
            // change anything: compare every owner and follow the names whose records differ.
            operatorRecords = (operatorChanged ? null : previous.OperatorRecords.WithSoaFrom(to.OperatorRecords))
                ?? Regrouped(to.OperatorRecords, origin);
            names.UnionWith(previous.OperatorRecords.NamesDifferingFrom(operatorRecords));
        }

        var (older, recent) = previous.Recent.Count + names.Count > MaxRecent
            ? (Folded(previous.Older, previous.Recent), new Dictionary<byte[], ZoneNode?>(WireNameComparer.Instance))
            : (previous.Older, new Dictionary<byte[], ZoneNode?>(previous.Recent, WireNameComparer.Instance));
        var view = previous.Base.WithOverlay(older, recent, ZoneIndex.NegativeSoaOf(operatorRecords.Soa));
        var stale = previous.Stale;
        foreach (var name in names)
        {
            stale |= !Apply(name, to, origin, operatorRecords, view, older, recent);
        }

        return new Followed(to, previous.Base, operatorRecords, older, recent, view, stale);
    }

    /// <summary>The same answers from a new base with the overlay folded into it (no zone built: see <see cref="ZoneIndex.FoldedWith"/>).</summary>
    private Followed Folded(Followed followed)
    {
        var folded = followed.Base.FoldedWith(followed.Older, followed.Recent, followed.View.NegativeSoa);
        Interlocked.Increment(ref _folds);
        LogFolded(_logger, followed.Older.Count + followed.Recent.Count, folded.NameCount, folded.BuildTime.TotalMilliseconds);
        return new Followed(
            followed.Snapshot, folded, followed.OperatorRecords, new(WireNameComparer.Instance), new(WireNameComparer.Instance), folded, Stale: false);
    }

    private OperatorRecordIndex Regrouped(ResourceRecord[]? records, DomainName origin)
    {
        Interlocked.Increment(ref _operatorRegroupings);
        return OperatorRecordIndex.Of(records, origin);
    }

    // The recent layer's names laid over a copy of the older layer (removals stay as nulls: they hide the base).
    private static Dictionary<byte[], ZoneNode?> Folded(Dictionary<byte[], ZoneNode?> older, Dictionary<byte[], ZoneNode?> recent)
    {
        var folded = new Dictionary<byte[], ZoneNode?>(older, WireNameComparer.Instance);
        foreach (var (key, node) in recent)
        {
            folded[key] = node;
        }

        return folded;
    }

    /// <summary>
    /// Sets the node of one changed name in the recent layer (through <paramref name="view"/>, which reads
    /// the overlay being built). False when the result may hold a stale empty non-terminal: rebuild.
    /// </summary>
    private static bool Apply(
        DomainName name, RegistrySnapshot snapshot, DomainName origin, OperatorRecordIndex operatorRecords,
        ZoneIndex view, Dictionary<byte[], ZoneNode?> older, Dictionary<byte[], ZoneNode?> overlay)
    {
        if (!name.IsSubdomainOf(origin))
        {
            return true;
        }

        var records = new List<ResourceRecord>(operatorRecords.At(name));
        foreach (var served in RegistryState.Served(snapshot.Find(name)))
        {
            records.Add(RegistryState.RecordOf(served));
        }

        var key = WireName.KeyFrom(name);
        var existing = view.Find(key);
        if (records.Count > 0)
        {
            overlay[key] = ZoneIndex.NodeOf(name, origin, records);

            // A new name brings its empty non-terminals; an existing parent already has its own.
            for (var parent = name; parent != origin;)
            {
                parent = parent.Parent;
                var parentKey = WireName.KeyFrom(parent);
                if (parent == origin || view.Find(parentKey) is not null)
                {
                    break;
                }

                overlay[parentKey] = new ZoneNode(parent);
            }

            return true;
        }

        if (existing is null)
        {
            return true;
        }

        // Nothing left at the name: it stays an empty non-terminal while names sit below it.
        var baseChildren = view.FindInBase(key)?.HasChildren == true;
        var overlayChildren = HasDescendantIn(older, overlay, key);
        overlay[key] = baseChildren || overlayChildren ? new ZoneNode(name) : null;
        if (baseChildren && !overlayChildren)
        {
            // The base's children may all be gone by now.
            return false;
        }

        // A parent that was only an empty non-terminal may have had this name as its last child.
        return name.Parent == origin || view.Find(WireName.KeyFrom(name.Parent)) is not { Sets.Length: 0 };
    }

    // A name below `key` that the overlay holds (the recent layer's entry for a name wins over the older one's).
    private static bool HasDescendantIn(Dictionary<byte[], ZoneNode?> older, Dictionary<byte[], ZoneNode?> recent, byte[] key)
    {
        foreach (var (other, node) in recent)
        {
            if (node is not null && other.Length > key.Length && IsBelow(other, key))
            {
                return true;
            }
        }

        foreach (var (other, node) in older)
        {
            if (node is not null && other.Length > key.Length && !recent.ContainsKey(other) && IsBelow(other, key))
            {
                return true;
            }
        }

        return false;
    }

    // True when the wire name `name` ends with the labels of `ancestor` (at a label boundary).
    private static bool IsBelow(byte[] name, byte[] ancestor)
    {
        var at = 0;
        while (name[at] != 0 && name.Length - at > ancestor.Length)
        {
            at += 1 + name[at];
        }

        return name.Length - at == ancestor.Length && name.AsSpan(at).SequenceEqual(ancestor);
    }

    private void StartRebuild()
    {
        if (_rebuilding)
        {
            return;
        }

        _rebuilding = true;
        _rebuild = Task.Run(RebuildInBackground);
    }

    // A doubt about an empty non-terminal needs the whole zone indexed again; a large overlay only needs folding
    // into a copy of the base, which is far cheaper (no zone to build, no record to encode).
    private void RebuildInBackground()
    {
        try
        {
            while (true)
            {
                var followed = _followed!;
                var fresh = followed.Stale ? FullBuild(_source.Snapshot) : Folded(followed);
                lock (_advancing)
                {
                    var latest = _followed!.Snapshot;
                    var caughtUp = latest.Version > fresh.Snapshot.Version ? Step(fresh, latest) ?? fresh : fresh;
                    _followed = caughtUp;
                    if (!caughtUp.Stale && !caughtUp.OverlayIsLarge)
                    {
                        _rebuilding = false;
                        return;
                    }
                }
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Rebuilding the DNS index in the background failed; answers keep coming from the last index");
            lock (_advancing)
            {
                _rebuilding = false;
            }
        }
    }

    /// <summary>
    /// The index as of <paramref name="Snapshot"/>: <paramref name="View"/> is base plus both overlay layers.
    /// <paramref name="Stale"/>: an empty non-terminal may linger, only a full build can tell.
    /// </summary>
    private sealed record Followed(
        RegistrySnapshot Snapshot, ZoneIndex Base, OperatorRecordIndex OperatorRecords,
        Dictionary<byte[], ZoneNode?> Older, Dictionary<byte[], ZoneNode?> Recent, ZoneIndex View, bool Stale)
    {
        public bool OverlayIsLarge => Older.Count + Recent.Count > MaxOverlay;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Folded {Changed} changed names into the DNS index: {Names} names in {ElapsedMs:F1} ms")]
    private static partial void LogFolded(ILogger logger, int changed, int names, double elapsedMs);
}
