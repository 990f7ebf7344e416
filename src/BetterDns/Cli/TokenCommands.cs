using System.CommandLine;
using BetterDns.Auth;
using BetterDns.Common;
using BetterDns.Registry;

namespace BetterDns.Cli;

/// <summary>
/// <c>betterdns token create --sub vm-1 --names 'web-*' [--ips 10.0.0.5,10.0.1.0/24] [--role admin] [--expires 24h]</c>: prints a
/// token signed with the service's key (same configuration and data directory resolution), for cloud-init;
/// <c>token revoke</c> and <c>token list-revoked</c> live in <see cref="TokenRevokeCommands"/>.
/// Further <c>--Section:Key=value</c> arguments override configuration as they do for the service.
/// </summary>
public static class TokenCommands
{
    public static Command Create()
    {
        var token = new Command("token", "Create bearer tokens for VMs and operators.");
        token.Subcommands.Add(CreateCommand());
        token.Subcommands.Add(TokenRevokeCommands.Revoke());
        token.Subcommands.Add(TokenRevokeCommands.ListRevoked());
        return token;
    }

    private static Command CreateCommand()
    {
        var sub = new Option<string>("--sub") { Description = "The subject: the owner of everything the token registers (e.g. vm-1).", Required = true };
        var names = new Option<string[]>("--names")
        {
            Description = "Name patterns a VM may register, relative to the zone: labels of letters, digits, '-' and '*', "
                + "where '*' matches any run of characters inside one label, never a dot ('web-*' matches web-1, not web-1.eu; "
                + "'*.eu' matches web-1.eu). Case is ignored. Repeat, or separate with commas.",
            AllowMultipleArgumentsPerToken = true,
        };
        var ips = new Option<string[]>("--ips")
        {
            Description = "Addresses or CIDR ranges a VM may register besides the address it connects from, e.g. 10.0.0.5,10.0.1.0/24 (repeat, or separate with commas).",
            AllowMultipleArgumentsPerToken = true,
        };
        var role = new Option<string>("--role") { Description = "vm (default) or admin.", DefaultValueFactory = _ => BetterDnsClaims.Roles.Vm };
        role.AcceptOnlyFromAmong(BetterDnsClaims.Roles.Vm, BetterDnsClaims.Roles.Admin);
        var expires = new Option<string>("--expires")
        {
            Description = "Lifetime: 30m, 24h, 7d, 3600s or hh:mm:ss; at most Auth:MaxTokenLifetime (365 days by default).",
            DefaultValueFactory = _ => "24h",
        };

        var command = new Command("create", "Print a signed token.") { sub, names, ips, role, expires };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result =>
        {
            var isAdmin = result.GetValue(role) == BetterDnsClaims.Roles.Admin;
            var patterns = (result.GetValue(names) ?? [])
                .SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToArray();
            if (!TryParseLifetime(result.GetValue(expires)!, out var lifetime))
            {
                Console.Error.WriteLine("--expires: expected a positive duration like 30m, 24h, 7d, 3600s or hh:mm:ss.");
                return 2;
            }

            if (!isAdmin && patterns.Length == 0)
            {
                Console.Error.WriteLine("--names: a vm token needs at least one name pattern (e.g. --names 'web-*'), or use --role admin.");
                return 2;
            }

            if (!AddressList.TryParseList(result.GetValue(ips) ?? [], out var networks, out var ipsError))
            {
                Console.Error.WriteLine($"--ips: {ipsError}");
                return 2;
            }

            if (isAdmin && networks.Count > 0)
            {
                Console.Error.WriteLine("--ips: an admin token may register any allowed address already; --ips is for vm tokens.");
                return 2;
            }

            var subject = result.GetValue(sub)!;
            if (MintRefusal(subject, patterns) is { } refusal)
            {
                Console.Error.WriteLine(refusal);
                return 2;
            }

            if (TokenSettings.Load(result.UnmatchedTokens) is not { Auth: var options, DataDirectory: var dataDirectory })
            {
                return 2;
            }

            if (lifetime > options.MaxTokenLifetime)
            {
                Console.Error.WriteLine($"--expires: {lifetime} is longer than Auth:MaxTokenLifetime ({options.MaxTokenLifetime}); mint a shorter token (and a new one when it runs out).");
                return 2;
            }

            if (!string.IsNullOrWhiteSpace(options.Authority))
            {
                Console.Error.WriteLine($"Auth:Authority is set ({options.Authority}): tokens come from that issuer, not from this command.");
                return 2;
            }

            var key = SigningKeyStore.Load(options, dataDirectory);
            Console.Out.WriteLine(TokenIssuer.Create(new TokenRequest(subject, isAdmin, patterns, lifetime) { Addresses = [.. networks.Select(AddressList.Format)] }, key, options));
            return 0;
        });
        return command;
    }

    /// <summary>Why a token with this subject and these name patterns must not be minted; null when it may.</summary>
    public static string? MintRefusal(string subject, IEnumerable<string> patterns)
    {
        if (string.IsNullOrWhiteSpace(subject) || subject.Trim() != subject)
        {
            return $"--sub: '{subject}' is not a subject; give the owner's name without surrounding blanks (e.g. --sub vm-1).";
        }

        foreach (var pattern in patterns)
        {
            if (!NamePattern.IsValid(pattern, out var error))
            {
                return $"--names: {error}.";
            }
        }

        return null;
    }

    /// <summary>"90s", "30m", "24h", "7d", "2w" or a TimeSpan ("1.00:00:00").</summary>
    public static bool TryParseLifetime(string text, out TimeSpan lifetime) => DurationText.TryParse(text, out lifetime);
}
