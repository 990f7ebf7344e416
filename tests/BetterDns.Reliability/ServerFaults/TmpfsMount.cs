using CliWrap;
using CliWrap.Buffered;

namespace BetterDns.Reliability.ServerFaults;

/// <summary>A small tmpfs mounted on a temp directory (the tests run as root), so the disk can really fill up.</summary>
public sealed class TmpfsMount : IAsyncDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static async Task<TmpfsMount> CreateAsync(string sizeText)
    {
        var path = Directory.CreateTempSubdirectory("betterdns-tmpfs-").FullName;
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={sizeText}", "tmpfs", path);
        return new TmpfsMount(path);
    }

    /// <summary>Fills the file system with one file until the kernel says ENOSPC; returns the file.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        var block = new byte[64 * 1024];
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // Full: tmpfs refuses the next block.
        }

        // Fill the last partial block too, byte by byte in small pieces.
        try
        {
            while (true)
            {
                stream.Write(block, 0, 512);
            }
        }
        catch (IOException)
        {
            // Completely full.
        }

        return filler;
    }

    public async ValueTask DisposeAsync()
    {
        await Cli.Wrap("umount").WithArguments(["-l", Path]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Lazily unmounted; /tmp is cleaned anyway.
        }
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        var result = await Cli.Wrap(command).WithArguments(arguments).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed: {result.StandardError}");
        }
    }
}
