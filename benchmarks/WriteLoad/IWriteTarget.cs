using System.Net;

namespace WriteLoad;

/// <summary>One server's HTTP write API: register a new name, change its address, delete it.</summary>
public interface IWriteTarget
{
    Task<WriteResult> CreateAsync(string name, IPAddress address, CancellationToken cancel);

    Task<WriteResult> UpdateAsync(string name, IPAddress address, CancellationToken cancel);

    Task<WriteResult> DeleteAsync(string name, CancellationToken cancel);
}

/// <summary>Acknowledged (2xx), or the kind of error ("500 database is locked", "timeout", ...).</summary>
public readonly record struct WriteResult(bool Acknowledged, string? Error)
{
    public static readonly WriteResult Ok = new(true, null);

    public static WriteResult Failed(string error) => new(false, error);
}
