namespace BetterDns.Zone.Model;

/// <summary>Certification authority authorisation (RFC 8659). <see cref="Value"/> is an octet string.</summary>
public sealed record CaaData(byte Flags, string Tag, string Value) : RData
{
    public override RecordType Type => RecordType.CAA;

    public override string ToPresentation(DomainName? origin = null) =>
        $"{Flags} {Tag} {CharacterString.Quote(Value)}";
}
