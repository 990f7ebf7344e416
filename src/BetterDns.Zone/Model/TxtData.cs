using System.Collections.Immutable;

namespace BetterDns.Zone.Model;

/// <summary>
/// Text strings (RFC 1035 §3.3.14), also used for SPF (type 99). Each string is an octet string
/// (see <see cref="CharacterString"/>), at most 255 octets.
/// </summary>
public sealed record TxtData : RData
{
    public TxtData(IEnumerable<string> strings, RecordType type = RecordType.TXT)
        : this(strings is ImmutableArray<string> array ? array : [.. strings], type)
    {
    }

    /// <summary>Takes the array as is (the parser's path: no copy).</summary>
    internal TxtData(ImmutableArray<string> strings, RecordType type)
    {
        if (type is not (RecordType.TXT or RecordType.SPF))
        {
            throw new ArgumentException($"{type} is not a text record type", nameof(type));
        }

        Strings = strings;
        if (Strings.IsEmpty)
        {
            throw new ArgumentException("a TXT record holds at least one string", nameof(strings));
        }

        if (Strings.Any(s => s.Length > CharacterString.MaxLength))
        {
            throw new ArgumentException($"a character-string is at most {CharacterString.MaxLength} octets", nameof(strings));
        }

        Type = type;
    }

    public override RecordType Type { get; }

    public ImmutableArray<string> Strings { get; }

    public override string ToPresentation(DomainName? origin = null) =>
        string.Join(' ', Strings.Select(CharacterString.Quote));

    public bool Equals(TxtData? other) =>
        other is not null && Type == other.Type && Strings.SequenceEqual(other.Strings);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        foreach (var s in Strings)
        {
            hash.Add(s);
        }

        return hash.ToHashCode();
    }
}
