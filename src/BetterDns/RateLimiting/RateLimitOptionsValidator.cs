using Microsoft.Extensions.Options;

namespace BetterDns.RateLimiting;

/// <summary>Fails start-up with a clear message when the RateLimit section cannot work.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    /// <summary>Above this a limit stops limiting anything; use RateLimit:Enabled=false instead.</summary>
    public const int MaxPermits = 10_000_000;

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        Check(failures, "PermitsPerSecond", options.PermitsPerSecond);
        Check(failures, "Burst", options.Burst);
        Check(failures, "AdminPermitsPerSecond", options.AdminPermitsPerSecond);
        Check(failures, "AdminBurst", options.AdminBurst);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, int value)
    {
        if (value is < 1 or > MaxPermits)
        {
            failures.Add($"RateLimit:{key} must be between 1 and {MaxPermits}, found {value} (to switch limiting off set RateLimit:Enabled=false).");
        }
    }
}
