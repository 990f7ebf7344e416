using BetterDns.Auth;
using BetterDns.Hosting;
using Microsoft.Extensions.Options;

namespace BetterDns.Cli;

/// <summary>
/// What the token verbs need from configuration, resolved exactly as the service resolves it
/// (appsettings.json, <c>BETTERDNS__</c> variables, <c>--Section:Key=value</c> arguments): the Auth
/// section (audience defaulting to the zone origin) and the data directory.
/// </summary>
public sealed record TokenSettings(AuthOptions Auth, string DataDirectory)
{
    /// <summary>The settings, or null after printing why they are unusable (the verb then exits with 2).</summary>
    public static TokenSettings? Load(IReadOnlyList<string> configurationArguments)
    {
        var builder = BetterDnsHost.CreateBuilder([.. configurationArguments]);
        builder.Services.AddAuthOptions();
        using var services = builder.Services.BuildServiceProvider();
        try
        {
            var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
            return new TokenSettings(auth, Hosting.DataDirectory.Resolve(builder.Configuration));
        }
        catch (OptionsValidationException e)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, e.Failures));
            return null;
        }
    }
}
