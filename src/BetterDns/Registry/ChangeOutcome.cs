namespace BetterDns.Registry;

/// <summary>What the writer did with one change, once it is durable (or why it did nothing).</summary>
public enum ChangeStatus
{
    /// <summary>New registrations were added (HTTP 201).</summary>
    Created,

    /// <summary>Existing registrations were changed, refreshed or removed (HTTP 200/204).</summary>
    Updated,

    /// <summary>The name or address has no registration the actor can see (HTTP 404).</summary>
    NotFound,

    /// <summary>The ownership rule refused it (HTTP 403).</summary>
    Forbidden,

    /// <summary>
    /// The address record would conflict with the operator's records in the zone file (a CNAME, DNAME or
    /// NS there, a delegation or DNAME above, or the name is an in-zone name server's) (HTTP 409).
    /// </summary>
    Conflict,

    /// <summary>A limit such as records per owner was reached (HTTP 409/429).</summary>
    LimitReached,

    /// <summary>The change could not be persisted; nothing was applied (HTTP 503).</summary>
    Unavailable,
}

/// <summary>The result of a change: its status, the name's registrations afterwards, and a reason a person can act on.</summary>
public sealed record ChangeOutcome(ChangeStatus Status, IReadOnlyList<Registration> Registrations, string? Reason = null);
