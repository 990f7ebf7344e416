using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace BetterDns.Auth;

/// <summary>
/// Bearer tokens that passed full validation, by their exact text, with the identity they carry: a VM or
/// load client sends the same token on every request, and parsing it, checking its HMAC and building its
/// claims cost more than the rest of a registration's HTTP path. An entry is used only
/// <list type="bullet">
/// <item>before the token's own expiry (<c>exp</c>; afterwards the token goes through full validation again,
/// which rejects it with the usual problem);</item>
/// <item>while the key that verified its signature is still one of the current signing keys (a rotated or
/// reconfigured key makes every entry it verified a miss);</item>
/// <item>while the token is not revoked (<see cref="CachedTokenEvents"/> asks the revocation list on every hit
/// and <see cref="Remove"/>s a revoked entry);</item>
/// </list>
/// and the cache holds at most <see cref="Capacity"/> entries (expired ones are dropped first; when all are
/// live, the cache starts again empty), so a flood of distinct tokens costs bounded memory.
/// Each hit gets its own copy of the identity, so nothing a request does to its principal reaches another.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider time, int capacity = ValidatedTokenCache.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _trimming = new();

    public int Capacity { get; } = capacity;

    public int Count => _entries.Count;

    /// <summary>
    /// Remembers a token that full validation accepted: <paramref name="expires"/> is its <c>exp</c>,
    /// <paramref name="signingKey"/> the key that verified it (nothing is cached without one).
    /// </summary>
    public void Add(string token, ClaimsIdentity identity, DateTimeOffset expires, SecurityKey? signingKey)
    {
        if (Capacity <= 0 || signingKey is null || expires <= time.GetUtcNow())
        {
            return;
        }

        if (_entries.Count >= Capacity)
        {
            Trim();
        }

        _entries[token] = new Entry(identity.Clone(), expires, signingKey);
    }

    /// <summary>
    /// The identity of a cached token that has not expired and whose signing key is still current
    /// (<paramref name="isCurrentKey"/>), as a copy of its own; null means "validate it in full".
    /// </summary>
    public ClaimsPrincipal? Find(string token, Func<SecurityKey, bool> isCurrentKey, out DateTimeOffset expires)
    {
        expires = default;
        if (!_entries.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (entry.Expires <= time.GetUtcNow() || !isCurrentKey(entry.SigningKey))
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(token, entry));
            return null;
        }

        expires = entry.Expires;
        return new ClaimsPrincipal(entry.Identity.Clone());
    }

    /// <summary>Forgets a token (it was revoked): the next request with it is validated in full.</summary>
    public void Remove(string token) => _entries.TryRemove(token, out _);

    /// <summary>Drops expired entries; if that frees too little, drops everything (the next requests validate in full).</summary>
    private void Trim()
    {
        lock (_trimming)
        {
            if (_entries.Count < Capacity)
            {
                return;
            }

            var now = time.GetUtcNow();
            foreach (var (token, entry) in _entries)
            {
                if (entry.Expires <= now)
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(token, entry));
                }
            }

            if (_entries.Count >= Capacity * 3 / 4)
            {
                _entries.Clear();
            }
        }
    }

    private sealed record Entry(ClaimsIdentity Identity, DateTimeOffset Expires, SecurityKey SigningKey);
}
