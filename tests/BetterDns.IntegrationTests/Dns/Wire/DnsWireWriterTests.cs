using BetterDns.Dns.Wire;

namespace BetterDns.IntegrationTests.Dns.Wire;

public sealed class DnsWireWriterTests
{
    [Fact]
    public void CompressesARepeatedSuffixIntoAPointer()
    {
        var buffer = new byte[512];
        var writer = new DnsWireWriter(buffer, 512, stackalloc ushort[64]);
        writer.TryWriteBytes(new byte[12]);

        Assert.True(writer.TryWriteName(RawQuery.Name("www.example.test")));
        Assert.True(writer.TryWriteName(RawQuery.Name("mail.example.test")));
        Assert.True(writer.TryWriteName(RawQuery.Name("www.example.test")));

        byte[] expected = [.. new byte[12], .. RawQuery.Name("www.example.test"), 4, .. "mail"u8, 0xC0, 16, 0xC0, 12];
        Assert.Equal(expected, writer.Written.ToArray());
    }

    [Fact]
    public void MatchesSuffixesIgnoringCase()
    {
        var buffer = new byte[512];
        var writer = new DnsWireWriter(buffer, 512, stackalloc ushort[64]);
        writer.TryWriteBytes(new byte[12]);
        writer.TryWriteName(RawQuery.Name("WWW.Example.TEST"));

        writer.TryWriteName(RawQuery.Name("www.example.test"));

        Assert.Equal([0xC0, 12], writer.Written[^2..].ToArray());
    }

    [Fact]
    public void WritesWholeNamesWhenCompressionIsOff()
    {
        var buffer = new byte[512];
        var writer = new DnsWireWriter(buffer, 512, stackalloc ushort[64]);
        writer.TryWriteName(RawQuery.Name("example.test"));

        writer.TryWriteName(RawQuery.Name("sip.example.test"), compress: false);

        Assert.Equal(RawQuery.Name("sip.example.test"), writer.Written[14..].ToArray());
    }

    [Fact]
    public void LeavesTheMessageUnchangedWhenANameDoesNotFit()
    {
        var buffer = new byte[64];
        var writer = new DnsWireWriter(buffer, 20, stackalloc ushort[64]);
        writer.TryWriteBytes(new byte[12]);

        Assert.False(writer.TryWriteName(RawQuery.Name("a-long-label.example.test")));
        Assert.Equal(12, writer.Position);

        // The labels written before the failure were not remembered as compression targets.
        Assert.True(writer.TryWriteName(RawQuery.Name("test")));
        Assert.Equal(RawQuery.Name("test"), writer.Written[12..].ToArray());
    }

    [Fact]
    public void RollsBackToAMark()
    {
        var buffer = new byte[512];
        var writer = new DnsWireWriter(buffer, 512, stackalloc ushort[64]);
        writer.TryWriteName(RawQuery.Name("example.test"));
        var mark = writer.Mark();
        writer.TryWriteName(RawQuery.Name("other.invalid"));

        writer.Reset(mark);
        writer.TryWriteName(RawQuery.Name("other.invalid"));

        Assert.Equal([.. RawQuery.Name("example.test"), .. RawQuery.Name("other.invalid")], writer.Written.ToArray());
    }

    [Fact]
    public void KeepsReservedSpaceFree()
    {
        var buffer = new byte[64];
        var writer = new DnsWireWriter(buffer, 16, stackalloc ushort[64]);
        writer.Reserve(11);

        Assert.False(writer.TryWriteBytes(new byte[6]));
        writer.Release(11);
        Assert.True(writer.TryWriteBytes(new byte[16]));
        Assert.False(writer.TryWriteByte(0));
    }
}
