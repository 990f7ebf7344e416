using System.Security.Claims;
using BetterDns.Auth;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace BetterDns.Tests.Auth;

/// <summary>
/// The validated-token cache on a fake clock: an entry never outlives its token's expiry or its signing key,
/// tokens are never confused with each other, hits do not share identities, and memory stays bounded.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 5, 0, 0, TimeSpan.Zero));
    private readonly SecurityKey _key = new SymmetricSecurityKey(new byte[32]);

    [Fact]
    public void AnExpiredTokenIsAMissEvenThoughItWasCached()
    {
        var cache = new ValidatedTokenCache(_time);
        cache.Add("token-a", Identity("vm-a"), _time.GetUtcNow().AddSeconds(10), _key);
        Assert.NotNull(cache.Find("token-a", IsCurrent, out _));

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Null(cache.Find("token-a", IsCurrent, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void ATokenAlreadyExpiredIsNotCached()
    {
        var cache = new ValidatedTokenCache(_time);

        cache.Add("token-a", Identity("vm-a"), _time.GetUtcNow(), _key);

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void AHitCarriesTheExpiryOfItsToken()
    {
        var cache = new ValidatedTokenCache(_time);
        var expires = _time.GetUtcNow().AddMinutes(5);
        cache.Add("token-a", Identity("vm-a"), expires, _key);

        cache.Find("token-a", IsCurrent, out var found);

        Assert.Equal(expires, found);
    }

    [Fact]
    public void DifferentTokensAreNotConfused()
    {
        var cache = new ValidatedTokenCache(_time);
        var expires = _time.GetUtcNow().AddHours(1);
        cache.Add("token-a", Identity("vm-a"), expires, _key);
        cache.Add("token-b", Identity("vm-b"), expires, _key);

        Assert.Equal("vm-a", cache.Find("token-a", IsCurrent, out _)!.FindFirst("sub")!.Value);
        Assert.Equal("vm-b", cache.Find("token-b", IsCurrent, out _)!.FindFirst("sub")!.Value);
        Assert.Null(cache.Find("token-a ", IsCurrent, out _));
        Assert.Null(cache.Find("TOKEN-A", IsCurrent, out _));
        Assert.Null(cache.Find("token-c", IsCurrent, out _));
    }

    [Fact]
    public void AnEntryWhoseSigningKeyIsNoLongerCurrentIsAMiss()
    {
        var cache = new ValidatedTokenCache(_time);
        cache.Add("token-a", Identity("vm-a"), _time.GetUtcNow().AddHours(1), _key);
        var rotated = new SymmetricSecurityKey(new byte[32]);

        Assert.Null(cache.Find("token-a", key => ReferenceEquals(key, rotated), out _));
        Assert.Null(cache.Find("token-a", IsCurrent, out _));
    }

    [Fact]
    public void NothingIsCachedWithoutTheKeyThatVerifiedIt()
    {
        var cache = new ValidatedTokenCache(_time);

        cache.Add("token-a", Identity("vm-a"), _time.GetUtcNow().AddHours(1), signingKey: null);

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void EveryHitGetsItsOwnIdentity()
    {
        var cache = new ValidatedTokenCache(_time);
        var original = Identity("vm-a");
        cache.Add("token-a", original, _time.GetUtcNow().AddHours(1), _key);

        var first = cache.Find("token-a", IsCurrent, out _)!;
        ((ClaimsIdentity)first.Identity!).AddClaim(new Claim("role", "admin"));
        original.AddClaim(new Claim("role", "admin"));
        var second = cache.Find("token-a", IsCurrent, out _)!;

        Assert.False(second.HasClaim("role", "admin"));
        Assert.Equal(original.GetType(), second.Identity!.GetType());
    }

    [Fact]
    public void TheCacheNeverHoldsMoreThanItsCapacity()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 100);
        var expires = _time.GetUtcNow().AddHours(1);

        for (var i = 0; i < 1_000; i++)
        {
            cache.Add("token-" + i, Identity("vm-" + i), expires, _key);
            Assert.InRange(cache.Count, 1, 100);
        }

        Assert.Equal("vm-999", cache.Find("token-999", IsCurrent, out _)!.FindFirst("sub")!.Value);
    }

    [Fact]
    public void WhenFullExpiredEntriesGoFirst()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 4);
        cache.Add("short-1", Identity("vm-1"), _time.GetUtcNow().AddSeconds(1), _key);
        cache.Add("short-2", Identity("vm-2"), _time.GetUtcNow().AddSeconds(1), _key);
        cache.Add("long-3", Identity("vm-3"), _time.GetUtcNow().AddHours(1), _key);
        cache.Add("long-4", Identity("vm-4"), _time.GetUtcNow().AddHours(1), _key);
        _time.Advance(TimeSpan.FromSeconds(2));

        cache.Add("long-5", Identity("vm-5"), _time.GetUtcNow().AddHours(1), _key);

        Assert.Equal(3, cache.Count);
        Assert.NotNull(cache.Find("long-3", IsCurrent, out _));
        Assert.NotNull(cache.Find("long-5", IsCurrent, out _));
    }

    [Fact]
    public void ACapacityOfZeroCachesNothing()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 0);

        cache.Add("token-a", Identity("vm-a"), _time.GetUtcNow().AddHours(1), _key);

        Assert.Null(cache.Find("token-a", IsCurrent, out _));
    }

    private bool IsCurrent(SecurityKey key) => ReferenceEquals(key, _key);

    private static CaseSensitiveClaimsIdentity Identity(string subject) =>
        new([new Claim("sub", subject), new Claim("role", "vm")], "AuthenticationTypes.Federation", "sub", "role");
}
