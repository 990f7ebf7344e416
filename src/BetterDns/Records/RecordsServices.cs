using System.Text.Json.Serialization;
using BetterDns.Auth;
using FluentValidation;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace BetterDns.Records;

/// <summary>Services behind the record routes: options, rules, validators, and which proxies' X-Forwarded-For to believe.</summary>
public static class RecordsServices
{
    public static IHostApplicationBuilder AddRecords(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegistrationOptions>()
            .BindConfiguration(RegistrationOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RegistrationOptions>, RegistrationOptionsValidator>();
        builder.Services.AddSingleton<RecordRules>();
        // The system clock: how stale the host's interface list may get is wall time, whatever clock the app runs on.
        builder.Services.AddSingleton(new HostAddresses(TimeProvider.System));
        builder.Services.AddSingleton<AddressEntitlement>();
        // Validators are stateless over the singleton rules: one instance serves every request.
        builder.Services.AddValidatorsFromAssemblyContaining<RegisterRequestValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);

        // The web defaults read numbers from strings ("ttl": "60"); a registration is strict JSON.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);

        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<RegistrationOptions>>((forwarded, registration) =>
            {
                // Trust nobody by default (the framework would trust loopback, and with empty lists it
                // trusts every peer): a VM must not register someone else's address by sending its
                // own X-Forwarded-For. With no trusted proxy the header is not read at all.
                forwarded.ForwardedHeaders = registration.Value.TrustedProxies.Count > 0
                    ? ForwardedHeaders.XForwardedFor
                    : ForwardedHeaders.None;
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var proxy in registration.Value.TrustedProxies)
                {
                    if (RegistrationOptionsValidator.TryParseProxy(proxy, out var network))
                    {
                        forwarded.KnownIPNetworks.Add(network);
                    }
                }
            });
        return builder;
    }
}
