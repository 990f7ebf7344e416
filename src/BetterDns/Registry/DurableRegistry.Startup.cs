using System.Diagnostics;
using BetterDns.Registry.Journal;
using BetterDns.Registry.Storage;
using BetterDns.Registry.Writer;
using BetterDns.Zone.Model;
using BetterDns.Zone.Serial;

namespace BetterDns.Registry;

/// <summary>Start-up: load the zone file, the metadata and the journal; rewrite the files if the journal held anything.</summary>
public sealed partial class DurableRegistry
{
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
        NegativeCaching.WarnIfLonger(_logger, zone.SoaRecord, _settings);
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
        if (state.ZoneConflicts() is { Count: > 0 } conflicts)
        {
            // Only a hand edit made while the service was down gets here (a running service rejects one, and
            // never writes one): like a file with syntax errors, it is refused rather than served half-broken.
            throw new InvalidDataException(
                $"{_settings.ZoneFile} conflicts with registrations, so the zone would not load in BIND or would hide them: "
                + string.Join("; ", conflicts.Take(20)) + (conflicts.Count > 20 ? $"; and {conflicts.Count - 20} more" : "")
                + ". Remove those records from the zone file (or restore the last good one) and start again.");
        }
        var served = registrations.Values.GroupBy(r => r.Fqdn).SelectMany(g => RegistryState.Served([.. g])).ToList();
        var fileIsCurrent = zoneExisted && replay.Batches.Count == 0 && inFile.Count == served.Count
            && served.All(r => inFile.TryGetValue(RegistrationKey.Of(r), out var ttl) && ttl == r.Ttl);
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

        else
        {
            _lastWritten = new WrittenZoneFile(ZoneFileStore.HashOf(File.ReadAllBytes(_settings.ZoneFile)), state.Publish());
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
}
