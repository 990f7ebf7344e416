using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BetterDns.Registry.Storage;

/// <summary>Another process holds the data directory's lock.</summary>
public sealed class DataDirectoryLockedException(string message, Exception inner) : IOException(message, inner);

/// <summary>
/// An exclusive lock on <c>.lock</c> in the data directory, held for the life of the service: two
/// processes replaying and appending one journal would lose each other's writes, so the second one
/// refuses to start. The lock is the kernel's (FileShare.None is flock(LOCK_EX) on Linux), so it dies
/// with its process: a kill -9 leaves the file behind but never a stale lock. The file is not deleted
/// on exit, since deleting it would let a newcomer lock a fresh file while another still holds the old one.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = ".lock";

    private readonly FileStream _stream;

    private DataDirectoryLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.Combine(dataDirectory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            var holder = ReadHolder(path);
            throw new DataDirectoryLockedException(
                $"Another betterdns{holder} is using the data directory {dataDirectory} (it holds {path}). " +
                "Stop it first, or give this one its own Storage:DataDirectory.", e);
        }

        // Who holds it, for the next one's error message; the lock, not this text, is what excludes.
        stream.SetLength(0);
        stream.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
        stream.Flush();
        return new DataDirectoryLock(path, stream);
    }

    public void Dispose() => _stream.Dispose();

    // .NET opens files with flock too, so while the holder's exclusive lock stands even a read-only
    // FileStream is refused: the pid it wrote is read with plain open(2)/read(2), which take no lock.
    private static string ReadHolder(string path)
    {
        var descriptor = Open(path, 0);
        if (descriptor < 0)
        {
            return "";
        }

        try
        {
            var buffer = new byte[32];
            var read = Read(descriptor, buffer, buffer.Length);
            var text = read > 0 ? Encoding.ASCII.GetString(buffer, 0, (int)read).Trim() : "";
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? $" (pid {pid})" : "";
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    // DllImport rather than LibraryImport: the latter needs the whole assembly compiled with /unsafe.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint Read(int descriptor, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);
}
