using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BetterDns.Observability;

/// <summary>
/// The body of <c>/readyz</c>: the overall status and every check with its status, description, duration
/// and data, e.g. <c>{"status":"Unhealthy","checks":[{"name":"dns-server","status":"Unhealthy",…}]}</c>.
/// The status code stays the framework's: 200 when healthy (or degraded), 503 when unhealthy.
/// </summary>
public static class ReadinessResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                error = e.Value.Exception?.Message,
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsJsonAsync(body, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
