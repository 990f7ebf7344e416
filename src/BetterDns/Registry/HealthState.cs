namespace BetterDns.Registry;

/// <summary>What the checker last decided about a registration.</summary>
public enum HealthVerdict
{
    Passing,
    Critical,
}

/// <summary>
/// A registration's health as the registry persists it: the checker's verdict (<see cref="Status"/>
/// since <see cref="Since"/>, with the error that made it critical) and, independently, maintenance set
/// through the API. Only passing registrations outside maintenance are served in DNS.
/// Per-check observations (last check time, consecutive counts) live in the checker's memory, not here,
/// so that checks that change nothing never touch the journal.
/// </summary>
public sealed record HealthState(HealthVerdict Status, DateTimeOffset Since, string? Reason, bool Maintenance = false, string? MaintenanceReason = null)
{
    /// <summary>True when DNS may answer with the registration.</summary>
    public bool Served => Status == HealthVerdict.Passing && !Maintenance;

    /// <summary>The state as the API and webhooks name it: passing, critical or maintenance.</summary>
    public string Name => Maintenance ? "maintenance" : Status == HealthVerdict.Passing ? "passing" : "critical";
}
