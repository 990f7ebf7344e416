using BetterDns.Registry;

namespace BetterDns.Manifest;

/// <summary>Opens the zone file the registry writes, so GET / can return it byte for byte.</summary>
public sealed class ZoneFileReader(IRegistry registry)
{
    public string Path => registry.ZoneFilePath;

    /// <summary>
    /// The file as it is once every acknowledged change has reached it (the registry replaces it by
    /// rename, so an open stream stays whole); null before the first write.
    /// </summary>
    public async Task<Stream?> OpenAsync(CancellationToken cancellationToken)
    {
        await registry.FlushAsync(cancellationToken);
        try
        {
            return new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
