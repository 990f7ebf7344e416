namespace BetterDns.Zone.Model;

/// <summary>A mail exchanger (RFC 1035 §3.3.9).</summary>
public sealed record MxData(ushort Preference, DomainName Exchange) : RData
{
    public override RecordType Type => RecordType.MX;

    public override IEnumerable<DomainName> Names => [Exchange];

    public override string ToPresentation(DomainName? origin = null) => $"{Preference} {Name(Exchange, origin)}";
}
