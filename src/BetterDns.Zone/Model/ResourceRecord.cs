namespace BetterDns.Zone.Model;

/// <summary>One resource record: owner, TTL (seconds), class and typed data. Immutable, value equality.</summary>
public sealed record ResourceRecord(DomainName Owner, uint Ttl, DnsClass Class, RData Data)
{
    public RecordType Type => Data.Type;

    /// <summary>One line in canonical form: absolute names, TTL, class, type, RDATA.</summary>
    public override string ToString() =>
        $"{Owner.Value} {Ttl} {DnsClasses.ToMnemonic(Class)} {RecordTypes.ToMnemonic(Type)} {Data.ToPresentation()}";
}
