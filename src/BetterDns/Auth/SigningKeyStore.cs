using BetterDns.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BetterDns.Auth;

/// <summary>
/// The HS256 key: <c>Auth:SigningKey</c> when configured, else <c>&lt;data&gt;/signing.key</c>, which
/// is generated (32 random bytes, base64, file mode 0600) the first time and reused afterwards.
/// </summary>
public sealed class SigningKeyStore(IOptions<AuthOptions> options, IConfiguration configuration)
{
    public const string FileName = "signing.key";

    /// <summary>HMAC-SHA256 wants a key at least as long as its output.</summary>
    public const int MinimumKeyBytes = 32;

    private readonly Lazy<SymmetricSecurityKey> _key = new(() => Load(options.Value, DataDirectory.Resolve(configuration)));

    public SymmetricSecurityKey Key => _key.Value;

    public static SymmetricSecurityKey Load(AuthOptions options, string dataDirectory)
    {
        var bytes = string.IsNullOrWhiteSpace(options.SigningKey)
            ? LoadOrCreateFile(Path.Combine(dataDirectory, FileName))
            : Decode(options.SigningKey, "Auth:SigningKey");
        return new SymmetricSecurityKey(bytes) { KeyId = "betterdns-hs256" };
    }

    /// <summary>The configured key is usable: base64 of at least <see cref="MinimumKeyBytes"/> bytes.</summary>
    public static bool IsValidConfiguredKey(string? base64) =>
        string.IsNullOrWhiteSpace(base64) || TryDecode(base64, out var bytes) && bytes.Length >= MinimumKeyBytes;

    private static byte[] LoadOrCreateFile(string path)
    {
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Two processes creating the key at once (the service and `token create`, or two CLIs) must end
        // with one key: a rename without overwrite is check-then-rename on Unix, so both could "win".
        // The first creator holds an exclusive lock while it checks and creates; the others wait for it.
        using var creating = ExclusiveFileLock.Acquire(path + ".lock");
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }

        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MinimumKeyBytes);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, fileOptions))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: false);
        return key;
    }

    private static byte[] Decode(string base64, string source)
    {
        if (!TryDecode(base64, out var bytes) || bytes.Length < MinimumKeyBytes)
        {
            throw new InvalidOperationException(
                $"{source} must hold a base64 key of at least {MinimumKeyBytes} bytes (e.g. `openssl rand -base64 32`).");
        }

        return bytes;
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
