using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace BetterDns.Zone.Model;

/// <summary>An IPv4 address (RFC 1035 §3.4.1). Stored as one integer so large zones stay small.</summary>
public sealed record AData : RData
{
    private readonly uint _address;

    public AData(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("an A record holds an IPv4 address", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        _address = BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>From the address in network order as an integer (10.0.0.1 = 0x0A000001).</summary>
    public AData(uint networkOrderValue) => _address = networkOrderValue;

    public override RecordType Type => RecordType.A;

    public uint Value => _address;

    public IPAddress Address
    {
        get
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, _address);
            return new IPAddress(bytes);
        }
    }

    public override string ToPresentation(DomainName? origin = null) =>
        $"{_address >> 24}.{(_address >> 16) & 0xff}.{(_address >> 8) & 0xff}.{_address & 0xff}";
}
