using Microsoft.Extensions.Options;

namespace BetterDns.Registry.Options;

/// <summary>Validates the three option sections together, naming each bad setting.</summary>
internal sealed class RegistryOptionsValidator : IValidateOptions<ZoneOptions>, IValidateOptions<StorageOptions>, IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, ZoneOptions options) =>
        Result(RegistrySettings.Validate(options, new StorageOptions(), new RegistryOptions()));

    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        Result(RegistrySettings.Validate(new ZoneOptions(), options, new RegistryOptions()));

    public ValidateOptionsResult Validate(string? name, RegistryOptions options) =>
        Result(RegistrySettings.Validate(new ZoneOptions(), new StorageOptions(), options));

    private static ValidateOptionsResult Result(IReadOnlyList<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
