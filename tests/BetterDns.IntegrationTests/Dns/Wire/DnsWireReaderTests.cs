using BetterDns.Dns.Wire;

namespace BetterDns.IntegrationTests.Dns.Wire;

public sealed class DnsWireReaderTests
{
    [Fact]
    public void FollowsACompressionPointerAndResumesAfterIt()
    {
        // A header, "example.test." at 12, then "www" + pointer to 12 at 26, then a 16-bit field.
        byte[] message = [.. RawQuery.Header(1), .. RawQuery.Name("example.test"), 3, (byte)'w', (byte)'w', (byte)'w', 0xC0, 12, 0x12, 0x34];
        var reader = new DnsWireReader(message);
        reader.TrySkip(26);
        Span<byte> name = stackalloc byte[255];

        Assert.True(reader.TryReadName(name, out var length));
        Assert.Equal(RawQuery.Name("www.example.test"), name[..length].ToArray());
        Assert.True(reader.TryReadUInt16(out var after));
        Assert.Equal(0x1234, after);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x00 })]                     // points at itself
    [InlineData(new byte[] { 1, (byte)'a', 0xC0, 0x00 })]       // points back into its own name
    [InlineData(new byte[] { 0xC0, 0x04, 0, 0, 0xC0, 0x00 })]   // points forward, then back: a loop
    public void RejectsCompressionLoops(byte[] message)
    {
        var reader = new DnsWireReader(message);
        Span<byte> name = stackalloc byte[255];

        Assert.False(reader.TryReadName(name, out _));
        Assert.Contains("loop", reader.Error);
    }

    [Theory]
    [InlineData(new byte[] { 5, (byte)'a', (byte)'b' })]   // label longer than the message
    [InlineData(new byte[] { 1, (byte)'a' })]              // no root label
    [InlineData(new byte[] { 0xC0 })]                      // half a pointer
    public void RejectsTruncatedNames(byte[] message)
    {
        var reader = new DnsWireReader(message);
        Span<byte> name = stackalloc byte[255];

        Assert.False(reader.TryReadName(name, out _));
        Assert.NotNull(reader.Error);
    }

    [Fact]
    public void RejectsExtendedLabelTypes()
    {
        byte[] message = [0x41, 0];
        var reader = new DnsWireReader(message);
        Span<byte> name = stackalloc byte[255];

        Assert.False(reader.TryReadName(name, out _));
        Assert.Contains("label type", reader.Error);
    }

    [Fact]
    public void RejectsNamesLongerThan255Octets()
    {
        // Five 63-octet labels: 320 octets.
        var label = new byte[64];
        label[0] = 63;
        byte[] message = [.. label, .. label, .. label, .. label, .. label, 0];
        var reader = new DnsWireReader(message);
        Span<byte> name = stackalloc byte[255];

        Assert.False(reader.TryReadName(name, out _));
        Assert.Contains("255", reader.Error);
    }

    [Fact]
    public void RefusesToReadPastTheEnd()
    {
        var reader = new DnsWireReader([1, 2, 3]);

        Assert.True(reader.TryReadUInt16(out _));
        Assert.False(reader.TryReadUInt16(out _));
        Assert.False(reader.TryReadUInt32(out _));
        Assert.False(reader.TrySkip(2));
        Assert.True(reader.TryReadByte(out var last));
        Assert.Equal(3, last);
    }
}
