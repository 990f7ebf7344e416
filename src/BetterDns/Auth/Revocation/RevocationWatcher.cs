using Microsoft.Extensions.Options;

namespace BetterDns.Auth.Revocation;

/// <summary>
/// Keeps <see cref="TokenRevocations"/> in step with the file that `betterdns token revoke` (another
/// process) writes: a file watcher reloads it within moments, and a poll every
/// <see cref="AuthOptions.RevocationPollInterval"/> catches what a watcher can miss (no inotify
/// instances left, network file systems).
/// </summary>
public sealed partial class RevocationWatcher(TokenRevocations revocations, IOptions<AuthOptions> options, ILogger<RevocationWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var changed = new SemaphoreSlim(0);
        using var watcher = TryWatch(() =>
        {
            if (changed.CurrentCount == 0)
            {
                changed.Release();
            }
        });

        while (!stoppingToken.IsCancellationRequested)
        {
            bool signalled;
            try
            {
                signalled = await changed.WaitAsync(options.Value.RevocationPollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Reload(force: signalled);
        }
    }

    private void Reload(bool force)
    {
        try
        {
            if (revocations.Reload(force))
            {
                var list = revocations.Current;
                LogReloaded(revocations.Path, list.TokenIds.Count, list.Subjects.Count);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // Keep the list in force (it only ever grows through the CLI) and try again at the next poll.
            LogUnreadable(e, revocations.Path);
        }
    }

    private FileSystemWatcher? TryWatch(Action onChange)
    {
        var directory = Path.GetDirectoryName(revocations.Path)!;
        try
        {
            Directory.CreateDirectory(directory);
            var watcher = new FileSystemWatcher(directory, Path.GetFileName(revocations.Path))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => onChange();
            watcher.Created += (_, _) => onChange();
            watcher.Renamed += (_, _) => onChange();
            watcher.Deleted += (_, _) => onChange();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            LogNotWatched(e, directory, options.Value.RevocationPollInterval);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token revocations reloaded from {Path}: {TokenCount} token ids, {SubjectCount} subjects")]
    private partial void LogReloaded(string path, int tokenCount, int subjectCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Token revocations in {Path} cannot be read; the previous list stays in force")]
    private partial void LogUnreadable(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Directory} for token revocations; polling every {Interval} instead")]
    private partial void LogNotWatched(Exception exception, string directory, TimeSpan interval);
}
