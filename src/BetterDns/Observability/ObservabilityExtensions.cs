using System.Diagnostics;
using System.Diagnostics.Metrics;
using BetterDns.Common;
using BetterDns.Dns.Sync;
using BetterDns.Observability.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace BetterDns.Observability;

/// <summary>
/// <c>builder.AddObservability()</c>: the <see cref="BetterDnsMetrics"/> meter, the OpenTelemetry
/// Prometheus exporter (our meter and ASP.NET Core's <c>Microsoft.AspNetCore.Hosting</c> meter for HTTP
/// requests), the readiness checks <c>zone</c> and <c>data-directory</c>, request ids in problem details,
/// JSON console log defaults, and log safety (every logger escapes control characters: <see cref="Logging.LogSafeLoggerFactory"/>). Call it after the registry, DNS controller and health checker are added.
/// </summary>
public static class ObservabilityExtensions
{
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<BetterDnsMetrics>();
        services.AddHostedService<StateGauges>();
        OwnMeters? own = null;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("betterdns"))
            .WithMetrics(metrics => metrics
            .AddMeter(BetterDnsMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            // Every scrape sees the latest values (the default caches a scrape's answer for 300 ms).
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)
            // Meters are matched by name across the process; keep only this host's (several hosts share a
            // test process, and an embedding application may run its own), i.e. those from its IMeterFactory.
            // The "instrumentation" is only a way to read the host's factory when the provider is built, before it listens.
            .AddInstrumentation(sp => own = new OwnMeters(sp.GetRequiredService<IMeterFactory>()))
            .AddView(instrument => own is not null && ReferenceEquals(instrument.Meter.Scope, own.Factory) ? null : MetricStreamConfiguration.Drop));

        DecorateSyncReporter(services);
        // Every logger escapes control characters in what it is given: client text cannot forge a log line.
        services.Decorate<ILoggerFactory>((inner, _) => new LogSafeLoggerFactory(inner));

        services.AddHealthChecks()
            .AddCheck<ZoneLoadedHealthCheck>(ZoneLoadedHealthCheck.Name, tags: ["ready"])
            .AddCheck<DataDirectoryHealthCheck>(DataDirectoryHealthCheck.Name, tags: ["ready"]);

        // Problems carry the request id (the X-Request-Id echoed in the response) and, when tracing, the trace id.
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                context.ProblemDetails.Extensions.TryAdd("requestId", context.HttpContext.TraceIdentifier);
                if (Activity.Current is { } activity)
                {
                    context.ProblemDetails.Extensions.TryAdd("traceId", activity.TraceId.ToString());
                }
            };
        });

        // With Logging:Console:FormatterName=json, scopes (the request id) and UTC timestamps are on unless configured off.
        var formatter = builder.Configuration.GetSection("Logging:Console:FormatterOptions");
        services.AddSingleton<IConfigureOptions<JsonConsoleFormatterOptions>>(new ConfigureOptions<JsonConsoleFormatterOptions>(options =>
        {
            options.IncludeScopes = formatter.GetValue<bool?>(nameof(options.IncludeScopes)) ?? true;
            options.UseUtcTimestamp = formatter.GetValue<bool?>(nameof(options.UseUtcTimestamp)) ?? true;
            options.TimestampFormat = formatter[nameof(options.TimestampFormat)] ?? "yyyy-MM-ddTHH:mm:ss.fffZ";
        }));
        return builder;
    }

    /// <summary>First in the pipeline, so every later middleware, log line and problem sees the request id.</summary>
    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app) => app.UseMiddleware<RequestIdMiddleware>();

    /// <summary>Prometheus text at <c>/metrics</c>, anonymous (like CoreDNS's <c>prometheus</c> plugin).</summary>
    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath)
            .WithName("Metrics").WithTags("Health").WithSummary("Prometheus metrics (text exposition format).")
            .AllowAnonymous()
            .DisableRateLimiting();

    private sealed record OwnMeters(IMeterFactory Factory);

    /// <summary>Records the time to INSYNC around whichever sync reporter the DNS controller registered.</summary>
    private static void DecorateSyncReporter(IServiceCollection services)
    {
        services.Decorate<ISyncReporter>((inner, sp) => new MeteredSyncReporter(
            inner, sp.GetRequiredService<BetterDnsMetrics>(), sp.GetRequiredService<TimeProvider>()));
    }
}
