using System.Threading.Channels;
using BetterDns.Registry;

namespace BetterDns.Dns.Watcher;

/// <summary>
/// Notices changes of the zone file on disk (an operator's editor, <c>cp</c>, <c>sed -i</c>), waits until
/// they settle, and hands the file to the registry, which tells its own writes from an edit, merges the
/// edit through the writer, or rejects a broken file while the last good zone keeps serving.
/// </summary>
public sealed partial class ZoneFileWatcher(IRegistry? registry, ZoneFileWatcherOptions options, ILogger<ZoneFileWatcher> logger)
    : BackgroundService
{
    private readonly Channel<bool> _events =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (registry is null || !options.Enabled)
        {
            return;
        }

        var path = Path.GetFullPath(registry.ZoneFilePath);
        // Watch the directory, not the file: editors and our own atomic writes replace the file by rename.
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        watcher.Changed += (_, _) => Signal();
        watcher.Created += (_, _) => Signal();
        watcher.Deleted += (_, _) => Signal();
        watcher.Renamed += (_, e) =>
        {
            if (string.Equals(e.FullPath, path, StringComparison.Ordinal) || string.Equals(e.OldFullPath, path, StringComparison.Ordinal))
            {
                Signal();
            }
        };
        watcher.Error += (_, e) => LogWatcherError(e.GetException());
        watcher.EnableRaisingEvents = true;
        LogWatching(path);

        try
        {
            while (await _events.Reader.WaitToReadAsync(stoppingToken))
            {
                await SettleAsync(stoppingToken);
                await ApplyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Signal() => _events.Writer.TryWrite(true);

    // Waits until no event arrived for one debounce interval.
    private async Task SettleAsync(CancellationToken stoppingToken)
    {
        while (_events.Reader.TryRead(out _))
        {
            await Task.Delay(options.Debounce, stoppingToken);
        }
    }

    private async Task ApplyAsync(CancellationToken stoppingToken)
    {
        try
        {
            var outcome = await registry!.ApplyZoneFileEditAsync(stoppingToken);
            if (outcome.Status is not ZoneFileEditStatus.OwnWrite)
            {
                LogOutcome(outcome.Status, outcome.OperatorRecords, outcome.Errors.Count);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            LogApplyFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {ZoneFile} for operators' edits")]
    private partial void LogWatching(string zoneFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zone file edit: {Status} ({OperatorRecords} operator records, {Errors} errors)")]
    private partial void LogOutcome(ZoneFileEditStatus status, int operatorRecords, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the edited zone file; the next change retries")]
    private partial void LogApplyFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The zone file watcher lost events; the next change is still noticed")]
    private partial void LogWatcherError(Exception exception);
}
