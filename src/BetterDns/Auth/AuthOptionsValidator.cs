using Microsoft.Extensions.Options;

namespace BetterDns.Auth;

/// <summary>Fails start-up with a clear message when the Auth section cannot work.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (!SigningKeyStore.IsValidConfiguredKey(options.SigningKey))
        {
            failures.Add($"Auth:SigningKey must be base64 of at least {SigningKeyStore.MinimumKeyBytes} bytes (or left empty to use <data>/{SigningKeyStore.FileName}).");
        }

        if (!string.IsNullOrWhiteSpace(options.Authority) && !Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
        {
            failures.Add($"Auth:Authority must be an absolute URL, found '{options.Authority}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
