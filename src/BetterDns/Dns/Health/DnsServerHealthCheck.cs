using BetterDns.Dns.Bridges;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BetterDns.Dns.Health;

/// <summary>
/// Readiness check <c>dns-server</c>: Healthy while the driven server answers the zone's SOA, Unhealthy
/// while it is down, starting or restarting. The data says which server, its state and restart count.
/// </summary>
public sealed class DnsServerHealthCheck(IDnsServerBridge bridge) : IHealthCheck
{
    public const string Name = "dns-server";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await bridge.CheckHealthAsync(cancellationToken);
        var status = bridge.Status;
        var data = new Dictionary<string, object>
        {
            ["server"] = bridge.Name,
            ["endpoint"] = bridge.ProbeEndpoint.ToString(),
            ["state"] = status.State.ToString(),
            ["restarts"] = status.CrashRestarts,
        };
        if (status.LastError is { } error)
        {
            data["lastError"] = error;
        }

        return health.Answering
            ? HealthCheckResult.Healthy(health.Description, data)
            : new HealthCheckResult(context.Registration.FailureStatus, health.Description, data: data);
    }
}
