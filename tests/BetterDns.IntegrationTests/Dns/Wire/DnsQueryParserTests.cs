using BetterDns.Dns.Wire;

namespace BetterDns.IntegrationTests.Dns.Wire;

public sealed class DnsQueryParserTests
{
    [Fact]
    public void ReadsTheQuestionAndTheOpt()
    {
        var message = RawQuery.Build(42, "Web-1.Example.Test", type: 28, opt: RawQuery.Opt(4096, dnssecOk: true));
        var name = new byte[255];

        var verdict = DnsQueryParser.Parse(message, name, out var query);

        Assert.Equal(QueryVerdict.Query, verdict);
        Assert.Equal((42, 28, 1), (query.Id, query.QuestionType, query.QuestionClass));
        Assert.Equal(RawQuery.Name("Web-1.Example.Test"), name[..query.NameLength]);
        Assert.Equal((true, 4096, 0, true), (query.HasEdns, query.EdnsPayloadSize, query.EdnsVersion, query.EdnsDnssecOk));
        Assert.Equal(12 + query.NameLength + 4, query.QuestionEnd);
    }

    [Fact]
    public void DropsRuntsAndResponses()
    {
        var name = new byte[255];

        Assert.Equal(QueryVerdict.Drop, DnsQueryParser.Parse(new byte[11], name, out _));
        Assert.Equal(QueryVerdict.Drop, DnsQueryParser.Parse(RawQuery.Build(1, "a.test", flags: 0x8000), name, out _));
    }

    [Fact]
    public void RefusesSecondOpt()
    {
        byte[] message = [.. RawQuery.Build(1, "a.test", opt: RawQuery.Opt()), .. RawQuery.Opt()];
        message[11] = 2;

        Assert.Equal(QueryVerdict.FormatError, DnsQueryParser.Parse(message, new byte[255], out var query));
        Assert.Contains("OPT", query.Error);
    }

    [Fact]
    public void RefusesTrailingOctets()
    {
        byte[] message = [.. RawQuery.Build(1, "a.test"), 0xFF];

        Assert.Equal(QueryVerdict.FormatError, DnsQueryParser.Parse(message, new byte[255], out var query));
        Assert.Contains("after the last record", query.Error);
    }

    [Fact]
    public void RefusesAnswerRecordsInAQuery()
    {
        var message = RawQuery.Build(1, "a.test");
        message[7] = 1;

        Assert.Equal(QueryVerdict.FormatError, DnsQueryParser.Parse(message, new byte[255], out _));
    }

    [Fact]
    public void RefusesAQuestionCutShort()
    {
        var message = RawQuery.Build(1, "a.test")[..^2];

        Assert.Equal(QueryVerdict.FormatError, DnsQueryParser.Parse(message, new byte[255], out var query));
        Assert.Equal(0, query.QuestionEnd);
    }

    [Fact]
    public void RefusesAQuestionNamePointingIntoTheHeader()
    {
        byte[] message = [.. RawQuery.Header(1), 0xC0, 0x02, 0, 1, 0, 1];

        Assert.Equal(QueryVerdict.FormatError, DnsQueryParser.Parse(message, new byte[255], out var query));
        Assert.Contains("header", query.Error);
    }

    [Fact]
    public void FlagsOtherOpcodesAsNotImplemented()
    {
        var message = RawQuery.Build(1, "a.test", flags: 5 << 11);

        Assert.Equal(QueryVerdict.NotImplemented, DnsQueryParser.Parse(message, new byte[255], out var query));
        Assert.Equal(5, query.Opcode);
    }
}
