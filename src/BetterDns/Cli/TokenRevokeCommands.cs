using System.CommandLine;
using BetterDns.Auth.Revocation;

namespace BetterDns.Cli;

/// <summary>
/// <c>betterdns token revoke --id &lt;jti&gt;</c> (one token) or <c>--sub &lt;subject&gt;</c> (every token of
/// that subject issued up to now), and <c>betterdns token list-revoked</c>. The list is
/// <c>&lt;data&gt;/revoked-tokens.json</c>; a running service picks a change up within
/// <c>Auth:RevocationPollInterval</c> (1 s), and it survives restarts.
/// </summary>
public static class TokenRevokeCommands
{
    public static Command Revoke()
    {
        var id = new Option<string>("--id") { Description = "The token id (its 'jti' claim) to revoke." };
        var sub = new Option<string>("--sub")
        {
            Description = "Revoke every token of this subject issued up to now (tokens minted afterwards, in a later second, work).",
        };
        var command = new Command("revoke", "Revoke one token (--id) or every token of a subject (--sub); durable, honoured by a running service within seconds.")
        {
            id, sub,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result =>
        {
            var tokenId = result.GetValue(id);
            var subject = result.GetValue(sub);
            if (tokenId is null == subject is null)
            {
                Console.Error.WriteLine("token revoke: give exactly one of --id <jti> or --sub <subject>.");
                return 2;
            }

            if (string.IsNullOrWhiteSpace(tokenId ?? subject))
            {
                Console.Error.WriteLine(tokenId is null ? "--sub: the subject is empty." : "--id: the token id is empty.");
                return 2;
            }

            if (TokenSettings.Load(result.UnmatchedTokens) is not { DataDirectory: var dataDirectory })
            {
                return 2;
            }

            var now = DateTimeOffset.UtcNow;
            var path = RevocationFile.PathIn(dataDirectory);
            RevocationFile.Update(path, list => tokenId is null ? list.RevokeSubject(subject!, now) : list.RevokeToken(tokenId, now));
            Console.Out.WriteLine(tokenId is null
                ? $"Revoked every token of '{subject}' issued up to {now:O} (in {path})."
                : $"Revoked token {tokenId} (in {path}).");
            return 0;
        });
        return command;
    }

    public static Command ListRevoked()
    {
        var command = new Command("list-revoked", "Print the revoked token ids and subjects, one a line.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result =>
        {
            if (TokenSettings.Load(result.UnmatchedTokens) is not { DataDirectory: var dataDirectory })
            {
                return 2;
            }

            var list = RevocationFile.Load(RevocationFile.PathIn(dataDirectory));
            foreach (var (tokenId, revokedAt) in list.TokenIds)
            {
                Console.Out.WriteLine($"id\t{tokenId}\trevoked {revokedAt:O}");
            }

            foreach (var (subject, upTo) in list.Subjects)
            {
                Console.Out.WriteLine($"sub\t{subject}\tissued up to {upTo:O}");
            }

            return 0;
        });
        return command;
    }
}
