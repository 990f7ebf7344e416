using BetterDns.Registry.Journal;
using BetterDns.Registry.Writer;

namespace BetterDns.Registry;

/// <summary>The one writer: group commit, journal append and fsync, one snapshot per batch.</summary>
public sealed partial class DurableRegistry
{
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
                        _metrics.ChangeCompleted(submission.Change, ChangeStatus.Unavailable);
                        submission.Completion.TrySetResult(StorageFailed);
                    }

                    return;
                }

                _metrics.JournalCommitted(batch.Count);
                _state.Apply(draft.Touched);
                RememberDeletions(ops);
                _changeCount++;
                Publish();
                MarkDirty();
            }

            for (var i = 0; i < batch.Count; i++)
            {
                _metrics.ChangeCompleted(batch[i].Change, outcomes[i].Status);
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
}
