using BetterDns.Registry.Journal;
using BetterDns.Registry.Storage;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;

namespace BetterDns.Registry;

/// <summary>An operator's hand edit of the zone file, merged through the writer like every other change.</summary>
public sealed partial class DurableRegistry
{
    public async Task<ZoneFileEditOutcome> ApplyZoneFileEditAsync(CancellationToken cancellationToken = default)
    {
        byte[] contents;
        try
        {
            contents = await File.ReadAllBytesAsync(_settings.ZoneFile, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Deleted underneath us: the last good zone keeps serving and the next checkpoint writes it back.
            _logger.LogWarning("The zone file {ZoneFile} is missing; serving the last good zone and rewriting it", _settings.ZoneFile);
            await ForceRewriteAsync();
            return ZoneFileEditOutcome.Missing;
        }

        var written = Volatile.Read(ref _lastWritten);
        if (written is not null && ZoneFileStore.HashOf(contents).AsSpan().SequenceEqual(written.Sha256))
        {
            return ZoneFileEditOutcome.OwnWrite;
        }

        var parsed = ZoneFileParser.Check(contents, _settings.Origin, new ZoneParserOptions
        {
            FileName = _settings.ZoneFile,
            DefaultTtl = _settings.DefaultTtl,
        });
        IReadOnlyList<ZoneFileError> errors = parsed.Errors;
        if (errors.Count == 0 && parsed.Zone.SoaRecord is null)
        {
            errors = [new ZoneFileError(_settings.ZoneFile, 1, 1, $"the zone has no SOA record at {_settings.Origin}")];
        }

        if (errors.Count > 0)
        {
            return await RejectEditAsync(contents, errors, cancellationToken);
        }

        NegativeCaching.WarnIfLonger(_logger, parsed.Zone.SoaRecord, _settings);
        var operatorRecords = 0;
        List<string> conflicts = [];
        await OnWriterAsync(() =>
        {
            // Address records the API manages (now, or in the file we last wrote) stay as the API has them;
            // everything else in the file is the operator's. Checked against the registrations here, on the
            // writer, so no registration can slip in between the check and the merge.
            var edited = parsed.Zone.Records.Where(r => !IsApiRecord(r, written?.Snapshot)).ToArray();
            conflicts = _state.TryReplaceOperatorRecords(edited);
            if (conflicts.Count > 0)
            {
                return;
            }

            operatorRecords = edited.Length;
            _changeCount++;
            Publish();
            MarkDirty();
        });
        if (conflicts.Count > 0)
        {
            return await RejectEditAsync(contents, AsErrors(conflicts), cancellationToken);
        }

        _logger.LogInformation("Merged an operator's edit of {ZoneFile}: {OperatorRecords} operator records", _settings.ZoneFile, operatorRecords);
        return new ZoneFileEditOutcome(ZoneFileEditStatus.Applied, operatorRecords, []);
    }

    /// <summary>
    /// Keeps the operator's work beside the zone and puts the last good zone back at once, so that every DNS
    /// server reading the file (CoreDNS polls it) keeps a valid zone and a restart finds the good one.
    /// </summary>
    private async Task<ZoneFileEditOutcome> RejectEditAsync(byte[] contents, IReadOnlyList<ZoneFileError> errors, CancellationToken cancellationToken)
    {
        var rejected = _settings.ZoneFile + ".rejected";
        DurableFile.Replace(rejected, stream => stream.Write(contents));
        _logger.LogError("Rejected the edited zone file {ZoneFile} (kept as {Rejected}): {Errors}; the last good zone keeps serving",
            _settings.ZoneFile, rejected, string.Join("; ", errors.Take(10)));
        await ForceRewriteAsync();
        try
        {
            await CheckpointAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Could not put the last good zone back at once; the checkpointer retries");
        }

        return new ZoneFileEditOutcome(ZoneFileEditStatus.Rejected, 0, errors);
    }

    // Conflicts are about the zone as a whole, not a line: reported at the file's start, like a missing SOA.
    private const int MaxReportedConflicts = 50;

    private List<ZoneFileError> AsErrors(List<string> conflicts)
    {
        var errors = conflicts.Take(MaxReportedConflicts)
            .Select(c => new ZoneFileError(_settings.ZoneFile, 1, 1, "conflicts with a registration: " + c))
            .ToList();
        if (conflicts.Count > MaxReportedConflicts)
        {
            errors.Add(new ZoneFileError(_settings.ZoneFile, 1, 1, $"and {conflicts.Count - MaxReportedConflicts} more conflicts with registrations"));
        }

        return errors;
    }

    private bool IsApiRecord(ResourceRecord record, RegistrySnapshot? lastWritten)
    {
        if (RegistrationKey.Of(record) is not { } key)
        {
            return false;
        }

        return _state.Find(key.Fqdn).Any(r => r.Address.Equals(key.Address))
            || (lastWritten?.Find(key.Fqdn).Any(r => r.Address.Equals(key.Address)) ?? false)
            || _deleted.Contains(key);
    }

    // An editor opened before an API delete still holds the deleted record: remembering recent deletions
    // keeps that save from bringing it back as an operator record. Bounded, oldest forgotten first.
    private const int RememberedDeletions = 65_536;
    private readonly HashSet<RegistrationKey> _deleted = [];
    private readonly Queue<RegistrationKey> _deletedOrder = new();

    private void RememberDeletions(List<RegistrationOp> ops)
    {
        foreach (var op in ops)
        {
            if (op is DeleteOp delete)
            {
                var key = new RegistrationKey(DomainName.Parse(delete.Name, _settings.Origin), delete.Address);
                if (_deleted.Add(key))
                {
                    _deletedOrder.Enqueue(key);
                }

                if (_deletedOrder.Count > RememberedDeletions)
                {
                    _deleted.Remove(_deletedOrder.Dequeue());
                }
            }
            else if (op is UpsertOp upsert)
            {
                _deleted.Remove(RegistrationKey.Of(upsert.Registration));
            }
        }
    }

    /// <summary>Makes the next checkpoint write the files even when no change is pending.</summary>
    private Task ForceRewriteAsync() => OnWriterAsync(() =>
    {
        _changeCount++;
        MarkDirty();
    });
}
