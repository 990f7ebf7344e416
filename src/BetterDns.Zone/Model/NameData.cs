namespace BetterDns.Zone.Model;

/// <summary>
/// RDATA that is a single domain name: NS, CNAME, PTR and DNAME. One type for four, because
/// their presentation, wire form and comparison are the same.
/// </summary>
public sealed record NameData : RData
{
    public NameData(RecordType type, DomainName target)
    {
        if (type is not (RecordType.NS or RecordType.CNAME or RecordType.PTR or RecordType.DNAME))
        {
            throw new ArgumentException($"{type} is not a single-name record type", nameof(type));
        }

        Type = type;
        Target = target;
    }

    public override RecordType Type { get; }

    public DomainName Target { get; }

    public override IEnumerable<DomainName> Names => [Target];

    public override string ToPresentation(DomainName? origin = null) => Name(Target, origin);
}
