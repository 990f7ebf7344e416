namespace BetterDns.Zone.Model;

/// <summary>
/// The typed data of a resource record. Every subtype is an immutable record with value equality,
/// so two zones holding the same data compare equal.
/// </summary>
public abstract record RData
{
    public abstract RecordType Type { get; }

    /// <summary>
    /// The RDATA in presentation form. With an <paramref name="origin"/>, names below it are written
    /// relative to it (the zone writer); without, every name is absolute (canonical form).
    /// </summary>
    public abstract string ToPresentation(DomainName? origin = null);

    /// <summary>Every domain name inside the RDATA (for checks such as "CNAME target is in zone").</summary>
    public virtual IEnumerable<DomainName> Names => [];

    protected static string Name(DomainName name, DomainName? origin) =>
        origin is { } o ? name.ToRelativeString(o) : name.Value;
}
