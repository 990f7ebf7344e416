using BetterDns.Records;

namespace BetterDns.Health;

/// <summary>The bodies Swagger UI shows for maintenance.</summary>
public static class HealthExamples
{
    private static readonly DateTimeOffset Since = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);

    public static readonly MaintenanceRequest Enable = new(true, "kernel upgrade");
    public static readonly MaintenanceRequest Disable = new(false);

    public static readonly RecordSetResponse InMaintenance = new("web-1", "web-1.cluster.internal.",
    [
        RecordsExamples.Record("10.0.0.5", "INSYNC", Since, null, new HealthResponse("maintenance", Since, null, "kernel upgrade", null, null, null, 0, 0)),
    ]);

    public static readonly Dictionary<string, string[]> EnabledErrors = new()
    {
        ["enabled"] = ["'enabled' is true (out of DNS) or false (back in)."],
    };
}
