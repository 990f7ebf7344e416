namespace BetterDns.Auth;

/// <summary>
/// A cross-process exclusive lock on a file (flock on Unix; the OS drops it if the holder dies), held
/// while a file beside it is checked and created or rewritten by the service or a CLI.
/// </summary>
public static class ExclusiveFileLock
{
    public static FileStream Acquire(string lockPath)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }
}
