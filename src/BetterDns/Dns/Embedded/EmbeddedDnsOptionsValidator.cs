using Microsoft.Extensions.Options;

namespace BetterDns.Dns.Embedded;

/// <summary>Fails start-up with every problem in the embedded DNS settings, each said plainly.</summary>
internal sealed class EmbeddedDnsOptionsValidator : IValidateOptions<EmbeddedDnsOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddedDnsOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
