using BetterDns.Dns.Wire;
using BetterDns.Zone.Model;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// The records of one type at one name, ready to write. A and AAAA sets rotate: each answer starts
/// one member further on (round robin), so clients that take the first address spread over the pool.
/// </summary>
internal sealed class RRset(RecordType type, WireRecord[] records, bool encodable)
{
    private int _next = -1;

    public RecordType Type { get; } = type;

    public WireRecord[] Records { get; } = records;

    /// <summary>False for types held as presentation fields (<see cref="OpaqueData"/>), which are not served.</summary>
    public bool Encodable { get; } = encodable;

    public bool Rotates => Records.Length > 1 && Type is RecordType.A or RecordType.AAAA;

    /// <summary>Where this answer starts in <see cref="Records"/>: 0, or the next turn of the rotation.</summary>
    public int NextStart() => Rotates ? (int)((uint)Interlocked.Increment(ref _next) % (uint)Records.Length) : 0;
}
