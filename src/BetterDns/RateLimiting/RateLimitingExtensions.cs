using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BetterDns.RateLimiting;

/// <summary>
/// Rate limiting per caller with ASP.NET Core's rate limiter: one token bucket per token subject (or
/// anonymous address), refusing at once with 429 problem details and Retry-After rather than queueing.
/// Liveness, readiness and metrics are never limited (their endpoints carry DisableRateLimiting): a
/// throttled probe would take a healthy node out.
/// </summary>
public static class RateLimitingExtensions
{
    public static IHostApplicationBuilder AddBetterDnsRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
            {
                var limits = configured.Value;
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, CallerPartition>(http => Partition(http, limits));
                limiter.OnRejected = (context, cancellationToken) => RejectAsync(context, limits, cancellationToken);
            });
        return builder;
    }

    /// <summary>Runs after authentication (the partition is the token's subject) and before authorization.</summary>
    public static IApplicationBuilder UseBetterDnsRateLimiting(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled ? app.UseRateLimiter() : app;

    private static RateLimitPartition<CallerPartition> Partition(HttpContext http, RateLimitOptions limits)
    {
        var caller = CallerPartition.Of(http);
        return RateLimitPartition.GetTokenBucketLimiter(caller, c => new TokenBucketRateLimiterOptions
        {
            TokenLimit = c.IsAdmin ? limits.AdminBurst : limits.Burst,
            TokensPerPeriod = c.IsAdmin ? limits.AdminPermitsPerSecond : limits.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, RateLimitOptions limits, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var caller = CallerPartition.Of(http);
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var (rule, permits, burst) = caller.IsAdmin
            ? ("RateLimit:AdminPermitsPerSecond", limits.AdminPermitsPerSecond, limits.AdminBurst)
            : ("RateLimit:PermitsPerSecond", limits.PermitsPerSecond, limits.Burst);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
                detail: $"The {caller.Describe()} made more than {permits} requests per second (bursts up to {burst}), the limit set by {rule}; retry after {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                extensions: new Dictionary<string, object?> { ["rule"] = rule, ["retryAfterSeconds"] = seconds })
            .ExecuteAsync(http);
    }
}
