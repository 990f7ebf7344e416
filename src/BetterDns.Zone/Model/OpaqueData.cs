using System.Collections.Immutable;

namespace BetterDns.Zone.Model;

/// <summary>
/// RDATA of a type with a mnemonic that BetterDns does not model field by field (DNSKEY, DS, TLSA,
/// SSHFP, HTTPS, NAPTR, …): kept as its presentation fields, one token each (quoted strings keep their
/// quotes). Fields that are domain names are stored absolute, so the record means the same thing
/// whatever <c>$ORIGIN</c> it is written under.
/// </summary>
public sealed record OpaqueData : RData
{
    public OpaqueData(RecordType type, IEnumerable<string> fields)
    {
        Type = type;
        Fields = [.. fields];
    }

    public override RecordType Type { get; }

    public ImmutableArray<string> Fields { get; }

    public override string ToPresentation(DomainName? origin = null) => string.Join(' ', Fields);

    public bool Equals(OpaqueData? other) =>
        other is not null && Type == other.Type && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        foreach (var f in Fields)
        {
            hash.Add(f);
        }

        return hash.ToHashCode();
    }
}
