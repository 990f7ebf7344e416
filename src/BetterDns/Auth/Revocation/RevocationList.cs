using System.Collections.Immutable;

namespace BetterDns.Auth.Revocation;

/// <summary>
/// Revoked tokens: single tokens by their id (<c>jti</c>), and whole subjects, whose every token issued
/// (<c>iat</c>) up to a moment is revoked. Immutable; a change makes a new list.
/// </summary>
public sealed record RevocationList(
    ImmutableSortedDictionary<string, DateTimeOffset> TokenIds,
    ImmutableSortedDictionary<string, DateTimeOffset> Subjects)
{
    public static readonly RevocationList Empty = new(
        ImmutableSortedDictionary.Create<string, DateTimeOffset>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, DateTimeOffset>(StringComparer.Ordinal));

    public bool IsEmpty => TokenIds.IsEmpty && Subjects.IsEmpty;

    /// <summary>Revokes the token with id <paramref name="tokenId"/>; revoking it again keeps the first time.</summary>
    public RevocationList RevokeToken(string tokenId, DateTimeOffset now) =>
        TokenIds.ContainsKey(tokenId) ? this : this with { TokenIds = TokenIds.SetItem(tokenId, now) };

    /// <summary>Revokes every token of <paramref name="subject"/> issued up to <paramref name="now"/>.</summary>
    public RevocationList RevokeSubject(string subject, DateTimeOffset now) =>
        Subjects.TryGetValue(subject, out var upTo) && upTo >= now ? this : this with { Subjects = Subjects.SetItem(subject, now) };

    /// <summary>
    /// Why a token is revoked, completing "The bearer token was rejected: …"; null when it is not.
    /// <c>iat</c> has whole seconds, so a token of a revoked subject issued in the same second as the
    /// revocation counts as revoked too; a token without <c>iat</c> cannot show it is newer and is revoked.
    /// </summary>
    public string? Refusal(string? tokenId, string? subject, DateTimeOffset? issuedAt)
    {
        if (tokenId is not null && TokenIds.TryGetValue(tokenId, out var revoked))
        {
            return $"it was revoked at {revoked:O} (token id {tokenId}).";
        }

        if (subject is not null && Subjects.TryGetValue(subject, out var upTo)
            && (issuedAt is null || issuedAt.Value.ToUnixTimeSeconds() <= upTo.ToUnixTimeSeconds()))
        {
            return $"every token of '{subject}' issued up to {upTo:O} was revoked; ask for a new one.";
        }

        return null;
    }
}
