using BetterDns.Zone.Parsing;

namespace BetterDns.Registry;

/// <summary>What became of the zone file as the watcher found it.</summary>
public enum ZoneFileEditStatus
{
    /// <summary>The file is the one the registry last wrote: nothing to merge.</summary>
    OwnWrite,

    /// <summary>An operator's edit was merged and will be written back with a higher serial.</summary>
    Applied,

    /// <summary>
    /// The file has errors, lost its SOA, or conflicts with registrations (a CNAME, DNAME or NS at or above a
    /// registered name, or an NS whose target is one); the last good zone keeps serving and nothing changed.
    /// </summary>
    Rejected,

    /// <summary>The file is missing or unreadable; the next checkpoint writes it again.</summary>
    Missing,
}

/// <summary>The result of <see cref="IRegistry.ApplyZoneFileEditAsync"/>: status, the operator record count after the merge, and any errors.</summary>
public sealed record ZoneFileEditOutcome(ZoneFileEditStatus Status, int OperatorRecords, IReadOnlyList<ZoneFileError> Errors)
{
    public static ZoneFileEditOutcome OwnWrite { get; } = new(ZoneFileEditStatus.OwnWrite, 0, []);

    public static ZoneFileEditOutcome Missing { get; } = new(ZoneFileEditStatus.Missing, 0, []);
}
