using System.Diagnostics;
using BetterDns.Registry.Journal;
using BetterDns.Registry.Storage;
using BetterDns.Registry.Writer;
using BetterDns.Zone.Model;
using BetterDns.Zone.Serial;

namespace BetterDns.Registry;

/// <summary>Checkpoints: metadata and zone file rewritten atomically behind the journal, then old segments dropped.</summary>
public sealed partial class DurableRegistry
{
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

                // Under sustained load a large zone's rewrite takes at most CheckpointShare of a core; the
                // journal holds everything meanwhile, and MaxCheckpointInterval bounds what a restart replays.
                var rest = CheckpointPacing.RestAfter(_time.GetElapsedTime(started), _settings.CheckpointShare, _settings.MaxCheckpointInterval);
                await Task.Delay(rest, _time, stopping);
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
            capture = new CheckpointCapture(_current, _state.CaptureZone(), _changeCount, _segment!.Number, _state.Soa.Serial);
        });

        // The zone is built once, here, with its new serial: off the writer, and not through the
        // snapshot's lazily built zone (which would be built, then copied to change the serial).
        var clock = Stopwatch.StartNew();
        var serial = SerialNumber.Next(capture!.Serial, Today());
        var written = capture.Snapshot with { Zone = capture.ZoneWithSerial(serial) };
        WriteFiles(written, serial);
        _metrics.ZoneWritten(clock.Elapsed);
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
        var hash = ZoneFileStore.Write(_settings.ZoneFile, zone);
        Volatile.Write(ref _lastWritten, new WrittenZoneFile(hash, snapshot));
        _logger.LogDebug("Wrote metadata in {Metadata} ms, built zone in {Build} ms, wrote zone file in {ZoneFile} ms",
            metadata, build, clock.ElapsedMilliseconds - metadata - build);
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
}
