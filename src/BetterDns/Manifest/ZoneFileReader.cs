using BetterDns.Hosting;
using BetterDns.Records;

namespace BetterDns.Manifest;

/// <summary>Opens the zone file the registry writes, so GET / can return it byte for byte.</summary>
public sealed class ZoneFileReader(IConfiguration configuration, RecordRules rules)
{
    public string Path => configuration["Zone:File"] is { Length: > 0 } configured
        ? System.IO.Path.GetFullPath(configured)
        : System.IO.Path.Combine(DataDirectory.Resolve(configuration), rules.Origin.Value.TrimEnd('.') + ".zone");

    /// <summary>The file as it is now (the registry replaces it by rename, so an open stream stays whole); null before the first write.</summary>
    public Task<Stream?> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult<Stream?>(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }
}
