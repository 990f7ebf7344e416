using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace BetterDns.OpenApi;

/// <summary>
/// Descriptions for the probes the host maps itself (Hosting/BetterDnsHost.cs), kept here so the
/// documentation of every route lives under OpenApi/ or beside the feature that declares it.
/// </summary>
public sealed class HostRoutesOperationFilter : IOperationFilter
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["Healthz"] = "Liveness: `200 {\"status\":\"alive\"}` while the process runs; it checks nothing else and needs no token. " +
            "Readiness (zone loaded, DNS server answering) is `/readyz`.",
        ["Readyz"] = "Readiness: `200` once the zone is loaded and the DNS server answers, `503` until then; needs no token.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (string.IsNullOrEmpty(operation.Description) && operation.OperationId is { } id && Descriptions.TryGetValue(id, out var description))
        {
            operation.Description = description;
        }
    }
}
