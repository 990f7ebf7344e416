using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace BetterDns.Auth.Revocation;

/// <summary>
/// The revocation list the service judges tokens by: loaded from <c>&lt;data&gt;/revoked-tokens.json</c>
/// at start (a file that cannot be read stops start-up: revoked tokens must never come back to life) and
/// reloaded by <see cref="RevocationReloader"/> whenever the file changes. Consulted on every request,
/// cached tokens included, so a revocation takes effect as soon as the file is reloaded.
/// </summary>
public sealed class TokenRevocations
{
    private RevocationList _current;
    private FileStamp _loaded;

    public TokenRevocations(string path)
    {
        Path = path;
        _loaded = FileStamp.Of(path);
        _current = RevocationFile.Load(path);
    }

    public string Path { get; }

    public RevocationList Current => Volatile.Read(ref _current);

    /// <summary>Why <paramref name="user"/>'s token is revoked, completing "The bearer token was rejected: …"; null when it is not.</summary>
    public string? Refusal(ClaimsPrincipal user)
    {
        var list = Current;
        if (list.IsEmpty)
        {
            return null;
        }

        var issuedAt = long.TryParse(user.FindFirst(JwtRegisteredClaimNames.Iat)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : (DateTimeOffset?)null;
        return list.Refusal(user.FindFirst(JwtRegisteredClaimNames.Jti)?.Value, user.FindFirst(BetterDnsClaims.Subject)?.Value, issuedAt);
    }

    /// <summary>Reads the file again if it changed since the last load; true when the list was read again.</summary>
    public bool ReloadIfChanged()
    {
        var stamp = FileStamp.Of(Path);
        if (stamp == _loaded)
        {
            return false;
        }

        // Loaded before the stamp is recorded: a file that fails to parse is tried again next time.
        Volatile.Write(ref _current, RevocationFile.Load(Path));
        _loaded = stamp;
        return true;
    }

    /// <summary>What tells one version of the file from another: the CLI replaces it by rename, so new times (nanoseconds) and usually a new size.</summary>
    private readonly record struct FileStamp(bool Exists, long Length, DateTime LastWriteUtc, DateTime CreationUtc)
    {
        public static FileStamp Of(string path)
        {
            var file = new FileInfo(path);
            return file.Exists ? new FileStamp(true, file.Length, file.LastWriteTimeUtc, file.CreationTimeUtc) : default;
        }
    }
}
