using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using BetterDns.Registry.Journal;
using BetterDns.Registry.Options;
using BetterDns.Registry.Storage;
using BetterDns.Registry.Writer;
using BetterDns.Zone.Model;
using BetterDns.Zone.Serial;
using Microsoft.Extensions.Logging.Abstractions;

namespace BetterDns.Registry;

/// <summary>
/// The registry: one writer that takes whatever changes are waiting (group commit), applies them in
/// order with the ownership rule, appends the batch to the journal and fsyncs it, publishes one new
/// snapshot, and only then completes the submissions. A checkpointer rewrites the registration
/// metadata and the zone file (atomically, serial bumped) shortly after changes, then drops the
/// journal segments the files now contain. See docs/decisions.md, "Durability".
/// </summary>
public sealed class DurableRegistry : IRegistry, IAsyncDisposable
{
    private static readonly ChangeOutcome ShuttingDown =
        new(ChangeStatus.Unavailable, [], "the registry is shutting down; nothing was changed, try again");

    private static readonly ChangeOutcome StorageFailed =
        new(ChangeStatus.Unavailable, [], "the registry cannot write to its data directory right now; nothing was changed, try again later");

    private readonly RegistrySettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<WriterItem> _queue =
        Channel.CreateUnbounded<WriterItem>(new UnboundedChannelOptions { SingleReader = true });

    private readonly RegistryState _state;
    private readonly string _metadataPath;
    private readonly MemoryStream _frameBuffer = new();
    private readonly SemaphoreSlim _checkpointGate = new(1, 1);
    private readonly Channel<bool> _dirty =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly CancellationTokenSource _stopping = new();

    private RegistrySnapshot _current;
    private JournalSegment? _segment;
    private bool _segmentBroken;
    private long _nextSegmentNumber;
    private long _changeCount;
    private long _checkpointedChangeCount;
    private int _stopped;
    private bool _closed;
    private Task _writer = Task.CompletedTask;
    private Task _checkpointer = Task.CompletedTask;

    private DurableRegistry(RegistrySettings settings, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _time = time;
        _logger = logger;
        _metadataPath = RegistrationFile.PathIn(settings.DataDirectory);
        (_state, _current) = Load();
    }

    public RegistrySnapshot Current => Volatile.Read(ref _current);

    public string ZoneFilePath => _settings.ZoneFile;

    public RegistrySettings Settings => _settings;

    public event Action<RegistrySnapshot>? SnapshotPublished;

    public event Action<RegistrySnapshot>? ZoneFileWritten;

    /// <summary>
    /// Loads the zone file, the registration metadata and the journal from the data directory (creating
    /// a first zone file when there is none), rewrites the files if the journal held anything, and starts
    /// the writer.
    /// </summary>
    public static DurableRegistry Open(RegistrySettings settings, TimeProvider? time = null, ILogger<DurableRegistry>? logger = null)
    {
        var registry = new DurableRegistry(settings, time ?? TimeProvider.System, logger ?? NullLogger<DurableRegistry>.Instance);
        registry._writer = Task.Run(registry.RunWriterAsync);
        registry._checkpointer = Task.Run(() => registry.RunCheckpointerAsync(registry._stopping.Token));
        return registry;
    }

    public Task<ChangeOutcome> SubmitAsync(RegistryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (fqdn, relative) = ResolveName(change.Name);
        CheckAddresses(change);

        var submission = new Submission(change with { Name = relative }, fqdn);
        if (Volatile.Read(ref _stopped) == 1 || !_queue.Writer.TryWrite(submission))
        {
            return Task.FromResult(ShuttingDown);
        }

        return cancellationToken.CanBeCanceled ? submission.Completion.Task.WaitAsync(cancellationToken) : submission.Completion.Task;
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default) => await CheckpointAsync(cancellationToken);

    public Task MarkInSyncAsync(IEnumerable<(DomainName Fqdn, IPAddress Address)> answered, CancellationToken cancellationToken = default)
    {
        var keys = answered.Select(a => new RegistrationKey(a.Fqdn, a.Address)).ToList();
        var control = new WriterControl(() =>
        {
            if (_state.MarkInSync(keys))
            {
                var snapshot = _state.PublishKeepingZone(_current);
                Volatile.Write(ref _current, snapshot);
                Raise(SnapshotPublished, snapshot);
            }
        });

        // Once shutting down there is nobody left to tell.
        return _queue.Writer.TryWrite(control) ? control.Completion.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Drains the queue, writes a final checkpoint, and closes the journal.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(checkpoint: true);

    /// <summary>
    /// Stops like a crash right after the last acknowledged journal write: no final checkpoint, so the
    /// zone file may lag the journal (tests use it to prove nothing acknowledged is lost).
    /// </summary>
    internal async ValueTask StopWithoutCheckpointAsync() => await StopAsync(checkpoint: false);

    private async ValueTask StopAsync(bool checkpoint)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _checkpointer;
        _queue.Writer.TryComplete();
        await _writer;
        await _checkpointGate.WaitAsync();
        try
        {
            if (checkpoint)
            {
                await CheckpointUnderGateAsync();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "Final checkpoint failed; the journal keeps every change for the next start");
        }
        finally
        {
            _closed = true;
            _segment?.Dispose();
            _checkpointGate.Release();
            _stopping.Dispose();
        }
    }

    // ---- start-up -------------------------------------------------------------------------------

    private (RegistryState, RegistrySnapshot) Load()
    {
        var origin = _settings.Origin;
        Directory.CreateDirectory(_settings.DataDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(_settings.ZoneFile)!);
        RemoveTempFiles(_settings.DataDirectory);
        RemoveTempFiles(Path.GetDirectoryName(_settings.ZoneFile)!);

        var clock = Stopwatch.StartNew();
        var replay = JournalFiles.Replay(_settings.DataDirectory, origin);
        var journalTime = clock.Elapsed;
        var registrations = new Dictionary<RegistrationKey, Registration>();
        foreach (var saved in RegistrationFile.Read(_metadataPath, origin))
        {
            registrations[RegistrationKey.Of(saved)] = saved;
        }

        var metadataTime = clock.Elapsed - journalTime;

        // Every key the API ever wrote since the last complete checkpoint: records in the zone file
        // with one of these keys are the API's (possibly stale), everything else is the operator's.
        var managed = new HashSet<RegistrationKey>(registrations.Keys);
        foreach (var op in replay.Batches.SelectMany(b => b))
        {
            switch (op)
            {
                case UpsertOp { Registration: var r }:
                    registrations[RegistrationKey.Of(r)] = r;
                    managed.Add(RegistrationKey.Of(r));
                    break;
                case DeleteOp d:
                    var key = new RegistrationKey(DomainName.Parse(d.Name, origin), d.Address);
                    registrations.Remove(key);
                    managed.Add(key);
                    break;
            }
        }

        var today = Today();
        var zoneExisted = File.Exists(_settings.ZoneFile);
        var zone = zoneExisted ? ZoneFileStore.Read(_settings.ZoneFile, _settings) : ZoneFileStore.CreateInitial(_settings, today);
        var zoneTime = clock.Elapsed - journalTime - metadataTime;
        var operatorRecords = new List<ResourceRecord>(zone.Records.Length);
        var inFile = new Dictionary<RegistrationKey, uint>();
        foreach (var record in zone.Records)
        {
            if (RegistrationKey.Of(record) is { } key && managed.Contains(key))
            {
                inFile[key] = record.Ttl;
            }
            else
            {
                operatorRecords.Add(record);
            }
        }

        var state = new RegistryState(origin, zone.DefaultTtl, operatorRecords, registrations.Values.OrderBy(r => r.CreatedAt));
        var fileIsCurrent = zoneExisted && replay.Batches.Count == 0 && inFile.Count == registrations.Count
            && registrations.All(r => inFile.TryGetValue(r.Key, out var ttl) && ttl == r.Value.Ttl);
        if (!fileIsCurrent)
        {
            if (zoneExisted)
            {
                state.SetSerial(SerialNumber.Next(state.Soa.Serial, today));
            }

            WriteFiles(state.Publish(), state.Soa.Serial);
            _logger.LogInformation("Wrote {ZoneFile} with {Count} registrations after replaying {Batches} journal batches",
                _settings.ZoneFile, registrations.Count, replay.Batches.Count);
        }

        DeleteSegments(replay.Segments.Select(s => s.Path));
        _nextSegmentNumber = replay.LastSegmentNumber + 1;
        OpenNextSegment();
        _logger.LogInformation(
            "Registry loaded {Registrations} registrations and {OperatorRecords} operator records in {Total} ms (journal {Journal} ms, metadata {Metadata} ms, zone file {Zone} ms)",
            registrations.Count, operatorRecords.Count, clock.ElapsedMilliseconds,
            (long)journalTime.TotalMilliseconds, (long)metadataTime.TotalMilliseconds, (long)zoneTime.TotalMilliseconds);
        return (state, state.Publish());
    }

    // ---- the writer -----------------------------------------------------------------------------

    private async Task RunWriterAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Submission>(_settings.MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _settings.MaxBatch && reader.TryRead(out var item))
            {
                if (item is Submission submission)
                {
                    batch.Add(submission);
                    continue;
                }

                Commit(batch);
                Run((WriterControl)item);
            }

            Commit(batch);
        }
    }

    private void Commit(List<Submission> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            var now = _time.GetUtcNow();
            var draft = new BatchDraft(_state);
            var outcomes = new ChangeOutcome[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = ChangeApplier.Apply(batch[i].Change, batch[i].Fqdn, draft, _settings.MaxRecordsPerOwner, now);
            }

            var ops = draft.ToOps();
            if (ops.Count > 0)
            {
                try
                {
                    AppendToJournal(ops);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _logger.LogError(e, "Journal write failed; {Count} changes answered as unavailable", batch.Count);
                    foreach (var submission in batch)
                    {
                        submission.Completion.TrySetResult(StorageFailed);
                    }

                    return;
                }

                _state.Apply(draft.Touched);
                _changeCount++;
                Publish();
                MarkDirty();
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception e)
        {
            // A bug must not leave submitters waiting forever.
            _logger.LogError(e, "The registry writer failed on a batch of {Count} changes", batch.Count);
            foreach (var submission in batch)
            {
                submission.Completion.TrySetException(e);
            }
        }
        finally
        {
            batch.Clear();
        }
    }

    private void AppendToJournal(List<RegistrationOp> ops)
    {
        if (_segment is null || _segmentBroken)
        {
            OpenNextSegment();
        }

        var frame = JournalCodec.EncodeBatch(ops, _frameBuffer);
        try
        {
            _segment!.Append(frame.Span);
        }
        catch
        {
            _segmentBroken = true;
            throw;
        }
    }

    /// <summary>Starts a new journal segment whose header says how much of the current one is valid.</summary>
    private void OpenNextSegment()
    {
        var previous = _segment;
        var number = _nextSegmentNumber++;
        var next = JournalSegment.Create(_settings.DataDirectory, number, previous?.Number ?? number - 1, previous?.ValidLength ?? 0);
        previous?.Dispose();
        _segment = next;
        _segmentBroken = false;
    }

    private void Run(WriterControl control)
    {
        try
        {
            control.Action();
            control.Completion.TrySetResult();
        }
        catch (Exception e)
        {
            control.Completion.TrySetException(e);
        }
    }

    private void Publish()
    {
        var snapshot = _state.Publish();
        Volatile.Write(ref _current, snapshot);
        Raise(SnapshotPublished, snapshot);
    }

    /// <summary>Runs <paramref name="action"/> in order with the writer's batches (directly once the writer has stopped).</summary>
    private async Task OnWriterAsync(Action action)
    {
        var control = new WriterControl(action);
        if (_queue.Writer.TryWrite(control))
        {
            await control.Completion.Task;
            return;
        }

        await _writer;
        action();
    }

    // ---- checkpoints ----------------------------------------------------------------------------

    // A wake-up that finds nothing new costs one comparison, so a dropped or extra signal is harmless.
    private void MarkDirty() => _dirty.Writer.TryWrite(true);

    private async Task RunCheckpointerAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _dirty.Reader.ReadAsync(stopping);
                await Task.Delay(_settings.ZoneFlushInterval, _time, stopping);
                var started = _time.GetTimestamp();
                await CheckpointAsync(stopping);
                failures = 0;

                // Under sustained load, rest as long as the checkpoint took: a large zone's rewrite then
                // takes at most half a core from the writer, and the journal holds everything meanwhile.
                await Task.Delay(_time.GetElapsedTime(started), _time, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures++;
                var backoff = TimeSpan.FromMilliseconds(Math.Min(10_000, 50 << Math.Min(failures, 8)));
                _logger.LogError(e, "Checkpoint failed ({Failures} in a row); the journal holds every change, retrying in {Backoff}", failures, backoff);
                MarkDirty();
                try
                {
                    await Task.Delay(backoff, _time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Writes the metadata and the zone file for everything committed so far, bumps the serial, and
    /// deletes the journal segments the files now contain. Does nothing when the files are current.
    /// </summary>
    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await _checkpointGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            await CheckpointUnderGateAsync();
        }
        finally
        {
            _checkpointGate.Release();
        }
    }

    private async Task CheckpointUnderGateAsync()
    {
        if (Interlocked.Read(ref _changeCount) == _checkpointedChangeCount)
        {
            return;
        }

        CheckpointCapture? capture = null;
        await OnWriterAsync(() =>
        {
            OpenNextSegment();
            capture = new CheckpointCapture(_current, _changeCount, _segment!.Number, _state.Soa.Serial);
        });

        var clock = Stopwatch.StartNew();
        var serial = SerialNumber.Next(capture!.Serial, Today());
        var written = capture.Snapshot with { Zone = WithSerial(capture.Snapshot.Zone, serial) };
        WriteFiles(written, serial);
        _checkpointedChangeCount = capture.ChangeCount;
        await OnWriterAsync(() =>
        {
            _state.SetSerial(serial);
            Publish();
        });

        DeleteSegments(JournalFiles.List(_settings.DataDirectory).Where(s => s.Number < capture.FirstUncoveredSegment).Select(s => s.Path));
        _logger.LogDebug("Checkpoint of {Records} records with serial {Serial} took {Elapsed} ms",
            written.Zone.Records.Length, serial, clock.ElapsedMilliseconds);
        Raise(ZoneFileWritten, written);
    }

    // Metadata first: if we crash before the zone file follows, the journal segments still exist and
    // name every key the older zone file may hold, so start-up still tells API records from the operator's.
    private void WriteFiles(RegistrySnapshot snapshot, uint serial)
    {
        var clock = Stopwatch.StartNew();
        RegistrationFile.Write(_metadataPath, _settings.Origin, serial, snapshot.All);
        var metadata = clock.ElapsedMilliseconds;
        var zone = snapshot.Zone;
        var build = clock.ElapsedMilliseconds - metadata;
        ZoneFileStore.Write(_settings.ZoneFile, zone);
        _logger.LogDebug("Wrote metadata in {Metadata} ms, built zone in {Build} ms, wrote zone file in {ZoneFile} ms",
            metadata, build, clock.ElapsedMilliseconds - metadata - build);
    }

    private static DnsZone WithSerial(DnsZone zone, uint serial)
    {
        var records = zone.Records.ToArray();
        var index = Array.FindIndex(records, r => r.Type == RecordType.SOA && r.Owner == zone.Origin);
        records[index] = records[index] with { Data = ((SoaData)records[index].Data) with { Serial = serial } };
        return zone.WithRecords(records);
    }

    private void DeleteSegments(IEnumerable<string> paths)
    {
        try
        {
            foreach (var path in paths)
            {
                File.Delete(path);
            }

            DurableFile.SyncDirectory(_settings.DataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Replaying a segment the files already contain changes nothing; the next checkpoint retries.
            _logger.LogWarning(e, "Could not delete old journal segments");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private (DomainName Fqdn, string Relative) ResolveName(string name)
    {
        var origin = _settings.Origin;
        if (name is null || name.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            // Escaped forms (\010) are fine; raw control, space and non-ASCII characters are never host names.
            throw new ArgumentException($"'{name}' contains control, space or non-ASCII characters", nameof(name));
        }

        if (!DomainName.TryParse(name, origin, out var fqdn, out var error))
        {
            throw new ArgumentException($"'{name}' is not a domain name: {error}", nameof(name));
        }

        if (fqdn == origin || !fqdn.IsSubdomainOf(origin))
        {
            throw new ArgumentException($"'{name}' is not a name below the zone {origin}", nameof(name));
        }

        if (fqdn.Value.StartsWith("*.", StringComparison.Ordinal) || fqdn.Value.Contains(".*.", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is a wildcard; registrations name one host", nameof(name));
        }

        return (fqdn, fqdn.ToRelativeString(origin));
    }

    private static void CheckAddresses(RegistryChange change)
    {
        var addresses = change switch
        {
            RegisterChange r => [r.Address],
            ReplaceChange r => r.Addresses,
            RemoveChange { Address: { } a } => [a],
            _ => [],
        };
        foreach (var address in addresses)
        {
            if (address is null || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            {
                throw new ArgumentException($"'{address}' is not an IP address", nameof(change));
            }
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    private void Raise(Action<RegistrySnapshot>? handlers, RegistrySnapshot snapshot)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<RegistrySnapshot>>())
        {
            try
            {
                handler(snapshot);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "A registry event handler failed");
            }
        }
    }

    private static void RemoveTempFiles(string directory)
    {
        foreach (var temp in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            DurableFile.TryDelete(temp);
        }
    }
}
