using BetterDns.Registry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BetterDns.Observability;

/// <summary>
/// Readiness check <c>zone</c>: the registry has loaded its zone (a published snapshot) and the zone file it
/// keeps exists on disk (a DNS server reading the file has something to serve).
/// </summary>
internal sealed class ZoneLoadedHealthCheck(IRegistry registry) : IHealthCheck
{
    public const string Name = "zone";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = registry.Current;
        var data = new Dictionary<string, object>
        {
            ["zoneFile"] = registry.ZoneFilePath,
            ["version"] = snapshot.Version,
            ["names"] = snapshot.ByName.Count,
        };
        return Task.FromResult(File.Exists(registry.ZoneFilePath)
            ? HealthCheckResult.Healthy($"zone loaded, {snapshot.ByName.Count} registered names", data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"the zone file {registry.ZoneFilePath} does not exist", data: data));
    }
}
