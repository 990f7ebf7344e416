using BetterDns.Health;
using Microsoft.Extensions.Options;

// In the hosting namespace, as Add* extensions usually are, so composition needs no extra using.
namespace Microsoft.Extensions.Hosting;

/// <summary><c>builder.AddHealthChecker()</c>: options, the check factory, the checker and the webhook sender.</summary>
public static class HealthServices
{
    public static IHostApplicationBuilder AddHealthChecker(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.Section)
            .Validate(o => HealthCheckFactory.TryParseKind(o.Defaults.Kind, out _), "Health:Defaults:Kind is one of none, http, https, tcp, exec, heartbeat.")
            .Validate(o => o.MaxConcurrency >= 1, "Health:MaxConcurrency is at least 1.")
            .Validate(o => o.SchedulerTick > TimeSpan.Zero, "Health:SchedulerTick is positive.")
            .Validate(o => o.HttpConnectionLifetime > TimeSpan.Zero, "Health:HttpConnectionLifetime is positive.")
            .Validate(o => o.WebhookAttempts >= 1, "Health:WebhookAttempts is at least 1.")
            .Validate(o => o.MaxProbesPerSecondPerOwner is > 0 and <= 1_000_000, "Health:MaxProbesPerSecondPerOwner is positive (probes per second).")
            .Validate(o => o.WebhookQueueLength >= 1, "Health:WebhookQueueLength is at least 1.")
            .Validate(o => o.WebhookMaxPerOwnerPerMinute >= 1, "Health:WebhookMaxPerOwnerPerMinute is at least 1.")
            .Validate(o => o.Webhooks.All(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"),
                "Health:Webhooks lists absolute http(s) URLs.")
            .ValidateOnStart();
        services.AddSingleton<HealthBoard>();
        services.AddSingleton<HealthEvents>();
        services.AddSingleton<HealthCheckFactory>();
        services.AddSingleton<VmCheckPolicy>();
        services.AddSingleton<CheckProbes>();
        services.AddSingleton<HealthChecker>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthChecker>());
        services.AddHostedService<WebhookSender>();
        return builder;
    }
}
