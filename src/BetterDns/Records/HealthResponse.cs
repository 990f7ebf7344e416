using BetterDns.Health;
using BetterDns.Registry;

namespace BetterDns.Records;

/// <summary>
/// A registration's health: <c>state</c> passing, critical or maintenance (only passing records are
/// served), since when and why, and what the checker saw last (null until the first check since start).
/// Only admins see a probe's own words in <c>reason</c> and <c>lastError</c>; everyone else a <see cref="CoarseReason"/>.
/// </summary>
public sealed record HealthResponse(
    string State,
    DateTimeOffset Since,
    string? Reason,
    string? MaintenanceReason,
    DateTimeOffset? LastCheckedAt,
    string? LastResult,
    string? LastError,
    int ConsecutiveFailures,
    int ConsecutiveSuccesses)
{
    public static HealthResponse From(HealthState health, CheckObservation? observed, bool detailed) => new(
        health.Name,
        health.Since,
        detailed ? health.Reason : CoarseReason.Of(health.Reason),
        health.MaintenanceReason,
        observed?.CheckedAt,
        observed is null ? null : observed.Passed ? "passing" : "failing",
        detailed ? observed?.Error : CoarseReason.Of(observed?.Error),
        observed?.ConsecutiveFailures ?? 0,
        observed?.ConsecutiveSuccesses ?? 0);
}
