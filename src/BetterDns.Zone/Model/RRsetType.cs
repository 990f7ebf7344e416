using System.Buffers.Binary;

namespace BetterDns.Zone.Model;

/// <summary>
/// What makes records at one owner one RRset: their type, and for RRSIG (and the old SIG) also the
/// type they cover, because each RRSIG set keeps the TTL of the RRset it signs (RFC 4034 §3).
/// </summary>
public readonly record struct RRsetType(RecordType Type, RecordType Covered)
{
    public static RRsetType Of(RData data) => new(data.Type, CoveredBy(data));

    /// <summary>The covered type of an RRSIG or SIG in any of its forms; none for other types.</summary>
    private static RecordType CoveredBy(RData data) => data switch
    {
        { Type: not (RecordType.RRSIG or RecordType.SIG) } => default,
        OpaqueData { Fields: [var covered, ..] } when RecordTypes.TryParse(covered, out var type) => type,
        UnknownData { Data.Length: >= 2 } generic => (RecordType)BinaryPrimitives.ReadUInt16BigEndian(generic.Data.AsSpan()),
        _ => default,
    };
}
