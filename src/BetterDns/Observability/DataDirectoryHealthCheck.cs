using BetterDns.Registry.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BetterDns.Observability;

/// <summary>
/// Readiness check <c>data-directory</c>: a small file can be created, written and flushed in the data
/// directory. When it cannot (read-only or immutable file system, permissions, directory gone) the
/// registry answers writes 503, so the instance should not take traffic. The probe file is a hidden
/// <c>.*.tmp</c>, which the registry deletes at start if one is ever left behind.
/// </summary>
internal sealed class DataDirectoryHealthCheck(RegistrySettings settings) : IHealthCheck
{
    public const string Name = "data-directory";

    private static long s_probes;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["path"] = settings.DataDirectory };
        var probe = Path.Combine(settings.DataDirectory, $".readyz-{Environment.ProcessId}-{Interlocked.Increment(ref s_probes)}.tmp");
        try
        {
            await using (var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                await file.WriteAsync("ok"u8.ToArray(), cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            return HealthCheckResult.Healthy($"{settings.DataDirectory} is writable", data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{settings.DataDirectory} is not writable: {e.Message}", data: data);
        }
    }
}
