namespace BetterDns.Zone.Model;

/// <summary>A service location (RFC 2782).</summary>
public sealed record SrvData(ushort Priority, ushort Weight, ushort Port, DomainName Target) : RData
{
    public override RecordType Type => RecordType.SRV;

    public override IEnumerable<DomainName> Names => [Target];

    public override string ToPresentation(DomainName? origin = null) =>
        $"{Priority} {Weight} {Port} {Name(Target, origin)}";
}
