using System.Text;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using BetterDns.Zone.Tests.Differential;
using BetterDns.Zone.Tests.Properties;
using BetterDns.Zone.Writing;
using CsCheck;

namespace BetterDns.Zone.Tests.Parsing;

/// <summary>
/// Reading a file in pieces in parallel must give exactly what reading it in order gives: the same
/// records, default TTL and errors (file, line, column, message), wherever the cuts are wanted.
/// </summary>
public sealed class PieceReadingTests
{
    private static readonly DomainName Origin = DomainName.Parse("example.com.");

    private static readonly ZoneParserOptions Options = new() { IncludeReader = _ => "inc A 192.0.2.77\n$TTL 7\n"u8.ToArray() };

    /// <summary>Lines and runs of lines with everything that carries state or spans lines.</summary>
    private static readonly Gen<string> Fragment = Gen.OneOfConst(
        "$ORIGIN sub\n",
        "$ORIGIN other.org.\n",
        "$TTL 5m\n",
        "$INCLUDE more.inc\n",
        "  $TTL 9\n",
        "( $TTL 11 )\n",
        "@ IN SOA ns1 hostmaster ( 2024010101 ; serial\n   3h 1h 1w 5m )\n",
        "www 300 IN A 192.0.2.1\n",
        "www A 192.0.2.2\n",
        "    IN A 192.0.2.3\n",
        "\tAAAA 2001:db8::1\n",
        "mail MX 10 mail\n",
        "txt TXT \"semi;colon (paren\" \"q\\\"\"\n",
        "txt TXT \"no end\n",
        "long\\\nname A 192.0.2.4\n",
        "x TXT a\\\\\ny A 192.0.2.5\n",
        "; just a comment\n",
        "\n",
        "crlf A 192.0.2.6\r\n",
        "multi TXT ( \"one\"\n\"two\" ; comment )\n  \"three\" )\n",
        "open DS 1 8 2 ( ABCD\n",
        ") A 192.0.2.7\n",
        "bad A 300.1.1.1\n",
        "$BOGUS x\n",
        "9bad 1h30m IN CNAME www\n",
        "*.wild TXT \"$money\"\n");

    private static readonly Gen<byte[]> Text =
        Gen.Select(Gen.Bool, Fragment.Array[0, 40], (ttlFirst, fragments) =>
            Encoding.UTF8.GetBytes((ttlFirst ? "$TTL 1h\n" : "") + string.Concat(fragments)));

    [Fact]
    public void RandomTextsGiveTheSameResultCutAtEveryPosition() =>
        Text.Sample(bytes =>
        {
            var expected = ZoneFileParser.Check(bytes.AsSpan(), Origin, Options);
            for (var cut = 0; cut <= bytes.Length; cut++)
            {
                AssertSame(expected, ZoneFileParser.CheckInPieces(bytes, Origin, Options, [cut], out _));
            }
        }, iter: 300);

    [Fact]
    public void RandomTextsGiveTheSameResultWithSeveralCuts() =>
        Gen.Select(Text, Gen.Int[0, 4000].Array[1, 6]).Sample((bytes, cuts) =>
        {
            var expected = ZoneFileParser.Check(bytes.AsSpan(), Origin, Options);
            AssertSame(expected, ZoneFileParser.CheckInPieces(bytes, Origin, Options, cuts, out _));
        }, iter: 3000);

    [Fact]
    public void RandomZonesAsTheWriterWritesThemGiveTheSameResultCutAtEveryLine() =>
        ZoneGen.Zone.Sample(zone =>
        {
            var bytes = Encoding.UTF8.GetBytes(ZoneFileWriter.Write(zone));
            var options = new ZoneParserOptions();
            var expected = ZoneFileParser.Check(bytes.AsSpan(), zone.Origin, options);
            for (var cut = 1; cut < bytes.Length; cut++)
            {
                if (bytes[cut - 1] == (byte)'\n')
                {
                    AssertSame(expected, ZoneFileParser.CheckInPieces(bytes, zone.Origin, options, [cut, cut + 40], out _));
                }
            }
        }, iter: 150);

    [Theory]
    [MemberData(nameof(ZoneCorpus.Valid), MemberType = typeof(ZoneCorpus))]
    [MemberData(nameof(ZoneCorpus.Invalid), MemberType = typeof(ZoneCorpus))]
    public void CorpusFilesGiveTheSameResultCutAtEveryPosition(string file)
    {
        var path = ZoneCorpus.FullPath(file);
        var bytes = File.ReadAllBytes(path);
        var origin = ZoneCorpus.OriginOf(file);
        var options = new ZoneParserOptions { FileName = path };
        var expected = ZoneFileParser.Check(bytes.AsSpan(), origin, options);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            AssertSame(expected, ZoneFileParser.CheckInPieces(bytes, origin, options, [cut], out _));
        }
    }

    [Fact]
    public void CutsAtRecordsAfterTheDirectivesAndReadsThePiecesSeparately()
    {
        var bytes = Encoding.UTF8.GetBytes("$ORIGIN example.com.\n$TTL 1h\na A 192.0.2.1\nb A 192.0.2.2\nc A 192.0.2.3\n");
        var result = ZoneFileParser.CheckInPieces(bytes, Origin, Options, [30, 44], out var pieces);
        Assert.Equal(3, pieces);
        Assert.Equal(["a.example.com.", "b.example.com.", "c.example.com."], result.Zone.Records.Select(r => r.Owner.Value));
        Assert.All(result.Zone.Records, r => Assert.Equal(3600u, r.Ttl));
    }

    [Fact]
    public void NeverCutsBeforeALineThatInheritsTheOwner()
    {
        var bytes = Encoding.UTF8.GetBytes("$TTL 1h\na A 192.0.2.1\n  A 192.0.2.2\n  A 192.0.2.3\n");
        var result = ZoneFileParser.CheckInPieces(bytes, Origin, Options, [22, 36], out var pieces);
        Assert.Equal(1, pieces);
        Assert.True(result.Success);
        Assert.All(result.Zone.Records, r => Assert.Equal("a.example.com.", r.Owner.Value));
    }

    [Fact]
    public void ACutInsideParenthesesFallsBackToReadingInOrder()
    {
        var bytes = Encoding.UTF8.GetBytes("$TTL 1h\n@ SOA ns1 hostmaster (\n1 2 3 4\n5 )\nwww A 192.0.2.1\n");
        var result = ZoneFileParser.CheckInPieces(bytes, Origin, Options, [bytes.AsSpan().IndexOf("1 2"u8)], out var pieces);
        Assert.Equal(1, pieces);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Zone.Records.Length);
    }

    [Fact]
    public void AnOwnerInheritedFromBeforeTheCutFallsBackToReadingInOrder()
    {
        var bytes = Encoding.UTF8.GetBytes("$TTL 1h\na A 192.0.2.1\nb TXT \"open\n  A 192.0.2.2\n");
        var result = ZoneFileParser.CheckInPieces(bytes, Origin, Options, [22], out var pieces);
        Assert.Equal(1, pieces);
        Assert.Equal(["a.example.com.", "a.example.com."], result.Zone.Records.Select(r => r.Owner.Value));
        Assert.Single(result.Errors);
    }

    [Fact]
    public void WithoutADefaultTtlTheFileIsReadInOrder()
    {
        var bytes = Encoding.UTF8.GetBytes("a 60 A 192.0.2.1\nb A 192.0.2.2\n");
        var result = ZoneFileParser.CheckInPieces(bytes, Origin, Options, [17], out var pieces);
        Assert.Equal(1, pieces);
        Assert.Equal(60u, result.Zone.Records[1].Ttl);
    }

    [Fact]
    public void ALargeFileIsReadInPiecesWithTheSameResult()
    {
        var text = new StringBuilder("$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hostmaster 1 2 3 4 5\n");
        for (var i = 0; text.Length < 3 * ZoneFileParser.PieceBytes; i++)
        {
            text.Append("host").Append(i).Append(" 300 IN A 10.0.").Append(i % 256).Append(".1\n    TXT \"x\"\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var expected = ZoneFileParser.Check(bytes.AsSpan(), Origin, Options);
        var result = ZoneFileParser.CheckInPieces(bytes, Origin, Options, ZoneChunks.Even(bytes.Length, 4), out var pieces);
        Assert.Equal(4, pieces);
        AssertSame(expected, result);
        AssertSame(expected, ZoneFileParser.Check(bytes, Origin, Options with { ReadInParallel = true }));
    }

    [Fact]
    public void ReadingInParallelIsOffByDefault() => Assert.False(new ZoneParserOptions().ReadInParallel);

    private static void AssertSame(ZoneParseResult expected, ZoneParseResult actual)
    {
        Assert.Equal(expected.Errors, actual.Errors);
        Assert.Equal(expected.Zone, actual.Zone);
    }
}
