using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using BetterDns.Zone.Tests.Bind;
using BetterDns.Zone.Writing;

namespace BetterDns.Zone.Tests.Writing;

public sealed class ZoneFileWriterTests
{
    private static readonly DomainName Origin = DomainName.Parse("example.com.");

    private const string Sample = """
        $TTL 3600
        zz       A     192.0.2.9
        b        TXT   "hello world"
        @        MX    10 mail
        @        SOA   ns1 hostmaster 2024010101 3h 1h 1w 5m
        mail     A     192.0.2.25
        @        NS    ns1
        b        A     192.0.2.2
        a.b      A     192.0.2.3
        ns1      A     192.0.2.1
        @        NS    ns2.other.org.
        _sip._tcp SRV  0 5 5060 sip.other.org.
        """;

    [Fact]
    public void ALargeZoneFormattedInParallelBlocksIsWrittenExactlyAsInOrder()
    {
        // Owners come in runs of three, so runs straddle the block boundaries.
        var records = Enumerable.Range(0, 3 * ZoneFileWriter.ParallelRecords)
            .Select(i => new ResourceRecord(
                DomainName.Parse($"h{i / 3}", Origin), (uint)(i % 7) * 1000, DnsClass.IN,
                i % 3 == 2 ? new MxData((ushort)i, DomainName.Parse($"mail{i}", Origin)) : new AData((uint)i)))
            .ToArray();
        var zone = new DnsZone(Origin, 3600, records);

        Assert.Equal(WriteBytes(zone, int.MaxValue), WriteBytes(zone, 1));
        using var parallel = new MemoryStream();
        ZoneFileWriter.Write(zone, parallel, inParallel: true);
        Assert.Equal(WriteBytes(zone, int.MaxValue), parallel.ToArray());
    }

    private static byte[] WriteBytes(DnsZone zone, int parallelRecords)
    {
        using var output = new MemoryStream();
        ZoneFileWriter.Write(zone, output, parallelRecords);
        return output.ToArray();
    }

    private static string WriteSample() => ZoneFileWriter.Write(ZoneFileParser.Parse(Sample, Origin));

    [Fact]
    public void WritesDirectivesThenSoaThenApexNsThenCanonicalOrder()
    {
        var lines = WriteSample().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("$ORIGIN example.com.", lines[0]);
        Assert.Equal("$TTL 3600", lines[1]);
        Assert.Equal(
            [RecordType.SOA, RecordType.NS, RecordType.NS, RecordType.MX, RecordType.SRV, RecordType.A, RecordType.TXT, RecordType.A, RecordType.A, RecordType.A, RecordType.A],
            ZoneFileParser.Parse(string.Join('\n', lines), Origin).Records.Select(r => r.Type));
    }

    [Fact]
    public void WritesEachOwnerOnceAndNamesRelativeToTheOrigin()
    {
        var text = WriteSample();

        Assert.Equal("""
            $ORIGIN example.com.
            $TTL 3600
            @         3600 IN SOA ns1 hostmaster 2024010101 10800 3600 604800 300
                      3600 IN NS  ns1
                      3600 IN NS  ns2.other.org.
                      3600 IN MX  10 mail
            _sip._tcp 3600 IN SRV 0 5 5060 sip.other.org.
            b         3600 IN A   192.0.2.2
                      3600 IN TXT "hello world"
            a.b       3600 IN A   192.0.2.3
            mail      3600 IN A   192.0.2.25
            ns1       3600 IN A   192.0.2.1
            zz        3600 IN A   192.0.2.9

            """, text);
    }

    [Fact]
    public void LeavesOutTtlDirectiveWhenTheZoneHasNone()
    {
        var zone = new DnsZone(Origin, null, [new ResourceRecord(Origin, 60, DnsClass.IN, new AData(1))]);
        Assert.Equal("$ORIGIN example.com.\n@ 60 IN A 0.0.0.1\n", ZoneFileWriter.Write(zone));
    }

    [Fact]
    public void KeepsTheCaseOfOwnersThatDifferOnlyInCase()
    {
        var zone = ZoneFileParser.Parse("$TTL 60\nWWW A 192.0.2.1\nwww A 192.0.2.2\n", Origin);
        var text = ZoneFileWriter.Write(zone);

        Assert.Contains("WWW 60 IN A 192.0.2.1\nwww 60 IN A 192.0.2.2\n", text);
        Assert.Equal(["WWW.example.com.", "www.example.com."], ZoneFileParser.Parse(text, Origin).Records.Select(r => r.Owner.Value));
    }

    [Fact]
    public void WritesToAStreamAsUtf8WithoutAByteOrderMark()
    {
        using var stream = new MemoryStream();
        ZoneFileWriter.Write(ZoneFileParser.Parse(Sample, Origin), stream);

        Assert.Equal((byte)'$', stream.ToArray()[0]);
        Assert.Equal(WriteSample(), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void EscapedNamesAndEveryTxtOctetSurvive()
    {
        var zone = ZoneFileParser.Parse("$TTL 60\n$ORIGIN example.com.\n\\$dollar\\@at\\;semi\\(p\\)\\\"q\\032sp\\000 TXT \"\\000\\009\\255\\\"\\\\;()\"\n", Origin);
        var reparsed = ZoneFileParser.Parse(ZoneFileWriter.Write(zone), Origin);

        Assert.Equal(ZoneFileWriter.Normalize(zone), reparsed);
        Assert.Equal("\0\t\u00ff\"\\;()", Assert.IsType<TxtData>(reparsed.Records[0].Data).Strings[0]);
    }

    [Fact]
    public void BindAcceptsWhatTheWriterWrites()
    {
        var text = WriteSample();
        var run = BindTools.CheckZone("example.com", text);

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Contains("loaded serial 2024010101", run.Output);
    }
}
