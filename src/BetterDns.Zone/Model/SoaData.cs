namespace BetterDns.Zone.Model;

/// <summary>Start of authority (RFC 1035 §3.3.13). The timers are seconds.</summary>
public sealed record SoaData(
    DomainName PrimaryNameServer,
    DomainName ResponsibleMailbox,
    uint Serial,
    uint Refresh,
    uint Retry,
    uint Expire,
    uint Minimum) : RData
{
    public override RecordType Type => RecordType.SOA;

    public override IEnumerable<DomainName> Names => [PrimaryNameServer, ResponsibleMailbox];

    public override string ToPresentation(DomainName? origin = null) =>
        $"{Name(PrimaryNameServer, origin)} {Name(ResponsibleMailbox, origin)} {Serial} {Refresh} {Retry} {Expire} {Minimum}";
}
