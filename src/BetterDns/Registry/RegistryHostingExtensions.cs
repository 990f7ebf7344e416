using BetterDns.Registry;
using BetterDns.Registry.Options;
using BetterDns.Registry.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// In the hosting namespace, as Add* extensions usually are, so composition needs no extra using.
namespace Microsoft.Extensions.Hosting;

/// <summary><c>builder.AddRegistry()</c>: options, the durable registry as <see cref="IRegistry"/>, and its lifetime.</summary>
public static class RegistryHostingExtensions
{
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ZoneOptions>().BindConfiguration(ZoneOptions.Section).ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ZoneOptions>, RegistryOptionsValidator>();
        services.AddSingleton<IValidateOptions<StorageOptions>, RegistryOptionsValidator>();
        services.AddSingleton<IValidateOptions<RegistryOptions>, RegistryOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => RegistrySettings.Resolve(
            sp.GetRequiredService<IOptions<ZoneOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<IOptions<RegistryOptions>>().Value));
        // Held until the host is disposed: a second betterdns on the same data directory refuses to start.
        services.AddSingleton(sp => DataDirectoryLock.Acquire(sp.GetRequiredService<RegistrySettings>().DataDirectory));
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<DataDirectoryLock>();
            return DurableRegistry.Open(
                sp.GetRequiredService<RegistrySettings>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<DurableRegistry>>());
        });
        services.AddSingleton<IRegistry>(sp => sp.GetRequiredService<DurableRegistry>());
        services.AddHostedService<RegistryLifetime>();
        return builder;
    }
}
