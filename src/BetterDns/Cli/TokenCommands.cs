using System.CommandLine;
using BetterDns.Auth;
using BetterDns.Common;
using BetterDns.Hosting;
using Microsoft.Extensions.Options;

namespace BetterDns.Cli;

/// <summary>
/// <c>betterdns token create --sub vm-1 --names 'web-*' [--ips 10.0.0.5,10.0.1.0/24] [--role admin] [--expires 24h]</c>: prints a
/// token signed with the service's key (same configuration and data directory resolution), for cloud-init.
/// Further <c>--Section:Key=value</c> arguments override configuration as they do for the service.
/// </summary>
public static class TokenCommands
{
    public static Command Create()
    {
        var token = new Command("token", "Create bearer tokens for VMs and operators.");
        token.Subcommands.Add(CreateCommand());
        return token;
    }

    private static Command CreateCommand()
    {
        var sub = new Option<string>("--sub") { Description = "The subject: the owner of everything the token registers (e.g. vm-1).", Required = true };
        var names = new Option<string[]>("--names")
        {
            Description = "Name patterns a VM may register, e.g. 'web-*' (repeat, or separate with commas).",
            AllowMultipleArgumentsPerToken = true,
        };
        var ips = new Option<string[]>("--ips")
        {
            Description = "Addresses or CIDR ranges a VM may register besides the address it connects from, e.g. 10.0.0.5,10.0.1.0/24 (repeat, or separate with commas).",
            AllowMultipleArgumentsPerToken = true,
        };
        var role = new Option<string>("--role") { Description = "vm (default) or admin.", DefaultValueFactory = _ => BetterDnsClaims.Roles.Vm };
        role.AcceptOnlyFromAmong(BetterDnsClaims.Roles.Vm, BetterDnsClaims.Roles.Admin);
        var expires = new Option<string>("--expires") { Description = "Lifetime: 30m, 24h, 7d, 3600s or hh:mm:ss.", DefaultValueFactory = _ => "24h" };

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

            var builder = BetterDnsHost.CreateBuilder([.. result.UnmatchedTokens]);
            builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
            using var services = builder.Services.BuildServiceProvider();
            var options = services.GetRequiredService<IOptions<AuthOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(options.Authority))
            {
                Console.Error.WriteLine($"Auth:Authority is set ({options.Authority}): tokens come from that issuer, not from this command.");
                return 2;
            }

            var key = SigningKeyStore.Load(options, DataDirectory.Resolve(builder.Configuration));
            var request = new TokenRequest(result.GetValue(sub)!, isAdmin, patterns, lifetime) { Addresses = [.. networks.Select(AddressList.Format)] };
            Console.Out.WriteLine(TokenIssuer.Create(request, key, options));
            return 0;
        });
        return command;
    }

    /// <summary>"90s", "30m", "24h", "7d", "2w" or a TimeSpan ("1.00:00:00").</summary>
    public static bool TryParseLifetime(string text, out TimeSpan lifetime) => DurationText.TryParse(text, out lifetime);
}
