using Microsoft.Extensions.Options;

namespace BetterDns.Auth.Revocation;

/// <summary>
/// Keeps <see cref="TokenRevocations"/> in step with the file that `betterdns token revoke` (another
/// process) writes: every <see cref="AuthOptions.RevocationPollInterval"/> (1 s) it compares the file's
/// size and times with the loaded version and reads it again when they differ. A poll rather than a
/// FileSystemWatcher: a stat a second costs nothing, while inotify instances are few (128 per user by
/// default) and the zone-file watcher, which has no fallback, needs one.
/// </summary>
public sealed partial class RevocationReloader(TokenRevocations revocations, IOptions<AuthOptions> options, ILogger<RevocationReloader> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RevocationPollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Reload();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Reload()
    {
        try
        {
            if (revocations.ReloadIfChanged())
            {
                var list = revocations.Current;
                LogReloaded(revocations.Path, list.TokenIds.Count, list.Subjects.Count);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // Keep the list in force (the CLI only ever adds to it) and try again at the next poll.
            LogUnreadable(e, revocations.Path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token revocations reloaded from {Path}: {TokenCount} token ids, {SubjectCount} subjects")]
    private partial void LogReloaded(string path, int tokenCount, int subjectCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Token revocations in {Path} cannot be read; the previous list stays in force")]
    private partial void LogUnreadable(Exception exception, string path);
}
