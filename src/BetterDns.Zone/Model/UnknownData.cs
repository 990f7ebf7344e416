using System.Collections.Immutable;

namespace BetterDns.Zone.Model;

/// <summary>
/// RDATA kept as raw octets in the RFC 3597 generic form: <c>\# 3 abcdef</c>. Used for types
/// with no mnemonic we know, and for any record written in generic form whose type we do not type.
/// </summary>
public sealed record UnknownData : RData
{
    public UnknownData(RecordType type, IEnumerable<byte> data)
    {
        Type = type;
        Data = [.. data];
    }

    public override RecordType Type { get; }

    public ImmutableArray<byte> Data { get; }

    public override string ToPresentation(DomainName? origin = null) =>
        Data.IsEmpty ? @"\# 0" : $@"\# {Data.Length} {Convert.ToHexString(Data.AsSpan())}";

    public bool Equals(UnknownData? other) =>
        other is not null && Type == other.Type && Data.AsSpan().SequenceEqual(other.Data.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Type, Data.Length);
}
