using BetterDns.Auth;
using BetterDns.Dns;
using BetterDns.Dns.Bridges.Embedded;
using BetterDns.Manifest;
using BetterDns.Observability;
using BetterDns.OpenApi;
using BetterDns.RateLimiting;
using BetterDns.Records;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace BetterDns.Hosting;

/// <summary>Composes the web host. Reads as a table of contents: each feature adds and maps itself.</summary>
public static class BetterDnsHost
{
    /// <summary>
    /// Configuration as the service sees it (appsettings.json, then <c>BETTERDNS__Section__Key</c>
    /// environment variables, command-line arguments); the CLI's token verb uses the same.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // Configuration is read once at start. Watching it for changes would put a recursive inotify
        // watch on the working directory, which usually holds the data directory: every journal
        // append and checkpoint would wake the watcher (measurable CPU per registration).
        var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        // appsettings.json beside the executable is the lowest layer, so an installed `betterdns` run
        // from any working directory has the same defaults as `dotnet run` in the project folder.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
        builder.Configuration.AddEnvironmentVariables(prefix: "BETTERDNS__");
        return builder;
    }

    public static WebApplication Build(string[] args)
    {
        var builder = CreateBuilder(args);
        builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5080");
        builder.AddProblemResponses();
        builder.AddBetterDnsAuth();
        builder.AddRecords();
        builder.AddManifest();
        builder.AddBetterDnsOpenApi();
        builder.AddRegistry();
        builder.AddDnsController();
        builder.AddEmbeddedDnsBridge();
        builder.AddHealthChecker();
        builder.AddBetterDnsRateLimiting();
        builder.AddObservability();

        var app = builder.Build();
        app.UseRequestId();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Before everything that may read the body, on every route, /healthz included.
        app.UseUtf8RequestCharset();
        app.UseForwardedHeaders();
        app.UseBetterDnsOpenApi();
        app.UseRouting();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseBetterDnsRateLimiting();
        app.UseAuthorization();

        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" }))
            .WithName("Healthz").WithTags("Health").WithSummary("Answers while the process is alive.")
            .DisableRateLimiting();
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = ReadinessResponse.WriteAsync })
            .WithName("Readyz").WithTags("Health").WithSummary("Ready: zone loaded, data directory writable, DNS server answering.")
            .DisableRateLimiting();
        app.MapMetrics();
        app.MapRecords();
        app.MapManifest();
        return app;
    }
}
