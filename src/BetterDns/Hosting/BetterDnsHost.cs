namespace BetterDns.Hosting;

/// <summary>Composes the web host. Reads as a table of contents: each feature adds and maps itself.</summary>
public static class BetterDnsHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddEnvironmentVariables(prefix: "BETTERDNS__");
        builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5080");
        builder.Services.AddProblemDetails();
        builder.AddRegistry();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" }));
        return app;
    }
}
