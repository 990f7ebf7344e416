namespace BetterDns.Zone.Model;

/// <summary>One resource record: owner, TTL (seconds), class and typed data. Immutable, value equality.</summary>
/// <remarks>
/// An A record read with <see cref="Parsing.ZoneParserOptions.CompactRecords"/> holds its address inline
/// (no <see cref="AData"/> object: a million-record zone is mostly A records); <see cref="Data"/> then
/// makes the <see cref="AData"/> when asked. Either way the record is the same: equal, same hash.
/// </remarks>
public sealed record ResourceRecord
{
    private readonly RData? _data;
    private readonly uint _address;

    public ResourceRecord(DomainName Owner, uint Ttl, DnsClass Class, RData Data)
    {
        this.Owner = Owner;
        this.Ttl = Ttl;
        this.Class = Class;
        _data = Data ?? throw new ArgumentNullException(nameof(Data));
    }

    /// <summary>An A record of class IN with its address inline.</summary>
    private ResourceRecord(DomainName owner, uint ttl, uint address)
    {
        Owner = owner;
        Ttl = ttl;
        Class = DnsClass.IN;
        _address = address;
    }

    public DomainName Owner { get; init; }

    public uint Ttl { get; init; }

    public DnsClass Class { get; init; }

    public RData Data
    {
        get => _data ?? new AData(_address);
        init => _data = value ?? throw new ArgumentNullException(nameof(value));
    }

    public RecordType Type => _data?.Type ?? RecordType.A;

    /// <summary>An A record (class IN) holding <paramref name="address"/> (network order) inline.</summary>
    internal static ResourceRecord InlineA(DomainName owner, uint ttl, uint address) => new(owner, ttl, address);

    /// <summary>The address of an A record, without making an <see cref="AData"/> for an inline one.</summary>
    internal bool TryGetAddress(out uint address)
    {
        switch (_data)
        {
            case null:
                address = _address;
                return true;
            case AData a:
                address = a.Value;
                return true;
            default:
                address = 0;
                return false;
        }
    }

    public void Deconstruct(out DomainName Owner, out uint Ttl, out DnsClass Class, out RData Data)
    {
        Owner = this.Owner;
        Ttl = this.Ttl;
        Class = this.Class;
        Data = this.Data;
    }

    public bool Equals(ResourceRecord? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || Ttl != other.Ttl || Class != other.Class || !Owner.Equals(other.Owner))
        {
            return false;
        }

        return TryGetAddress(out var address) && other.TryGetAddress(out var otherAddress)
            ? address == otherAddress
            : Data.Equals(other.Data);
    }

    public override int GetHashCode() => HashCode.Combine(Owner, Ttl, Class, Data);

    /// <summary>One line in canonical form: absolute names, TTL, class, type, RDATA.</summary>
    public override string ToString() =>
        $"{Owner.Value} {Ttl} {DnsClasses.ToMnemonic(Class)} {RecordTypes.ToMnemonic(Type)} {Data.ToPresentation()}";
}
