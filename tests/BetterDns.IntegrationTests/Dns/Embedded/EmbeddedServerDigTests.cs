namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>Every answer kind of the embedded server, as BIND's dig sees it over real sockets.</summary>
public sealed class EmbeddedServerDigTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    private readonly Dig _dig = server.Dig;

    [Fact]
    public async Task AnswersAnARecordAuthoritatively()
    {
        var result = await _dig.QueryAsync("web-1.example.test");

        Assert.Equal("NOERROR", result.Status);
        Assert.Contains("aa", result.Flags);
        var record = Assert.Single(result.Answer);
        Assert.Equal(new DigRecord("web-1.example.test.", 60, "A", "10.0.0.5"), record);
    }

    [Fact]
    public async Task EchoesTheQuestionCaseInTheAnswerOwner()
    {
        var result = await _dig.QueryAsync("WeB-1.ExAmPlE.tEsT");

        Assert.Equal("WeB-1.ExAmPlE.tEsT.", Assert.Single(result.Answer).Owner);
    }

    [Fact]
    public async Task RotatesPoolMembersFromOneQueryToTheNext()
    {
        var answers = new List<string[]>();
        for (var i = 0; i < TestZone.Pool.Length; i++)
        {
            var result = await _dig.QueryAsync("pool.example.test");
            answers.Add([.. result.Answer.Select(r => r.Data)]);
        }

        // Each answer is the whole pool in zone order, rotated; a round of queries starts once at each member.
        foreach (var answer in answers)
        {
            var start = Array.IndexOf(TestZone.Pool, answer[0]);
            Assert.Equal(TestZone.Pool[start..].Concat(TestZone.Pool[..start]), answer);
        }

        Assert.Equal(TestZone.Pool.Order(), answers.Select(a => a[0]).Order());
    }

    [Fact]
    public async Task AnswersAaaa()
    {
        var result = await _dig.QueryAsync("v6.example.test", "AAAA");

        Assert.Equal("2001:db8::1", Assert.Single(result.Answer).Data);
    }

    [Fact]
    public async Task AnswersMxWithTheExchangeAddressesInAdditional()
    {
        var result = await _dig.QueryAsync("example.test", "MX");

        Assert.Equal("10 mail.example.test.", Assert.Single(result.Answer).Data);
        Assert.Contains(result.Additional, r => r is { Owner: "mail.example.test.", Type: "A", Data: "192.0.2.25" });
        Assert.Contains(result.Additional, r => r is { Owner: "mail.example.test.", Type: "AAAA", Data: "2001:db8::25" });
    }

    [Fact]
    public async Task AnswersTxtWithOddOctetsIntact()
    {
        var result = await _dig.QueryAsync("txt.example.test", "TXT");

        Assert.Equal("\"hello world\" \"a\\\"b\\\\c\\000d;e\\255\"", Assert.Single(result.Answer).Data);
    }

    [Fact]
    public async Task AnswersSrvWithTheTargetAddressInAdditional()
    {
        var result = await _dig.QueryAsync("_sip._tcp.example.test", "SRV");

        Assert.Equal("10 60 5060 sip.example.test.", Assert.Single(result.Answer).Data);
        Assert.Contains(result.Additional, r => r is { Owner: "sip.example.test.", Type: "A", Data: "192.0.2.60" });
    }

    [Fact]
    public async Task FollowsACnameChainInsideTheZone()
    {
        var result = await _dig.QueryAsync("alias.example.test");

        Assert.Equal("NOERROR", result.Status);
        Assert.Equal(
            [
                new DigRecord("alias.example.test.", 60, "CNAME", "chain.example.test."),
                new DigRecord("chain.example.test.", 60, "CNAME", "web-1.example.test."),
                new DigRecord("web-1.example.test.", 60, "A", "10.0.0.5"),
            ],
            result.Answer);
    }

    [Fact]
    public async Task StopsAtACnameThatLeavesTheZone()
    {
        var result = await _dig.QueryAsync("external.example.test");

        Assert.Equal("NOERROR", result.Status);
        Assert.Equal(new DigRecord("external.example.test.", 60, "CNAME", "www.elsewhere.org."), Assert.Single(result.Answer));
    }

    [Fact]
    public async Task AnswersNxdomainAfterACnameToAMissingName()
    {
        var result = await _dig.QueryAsync("dangling.example.test");

        Assert.Equal("NXDOMAIN", result.Status);
        Assert.Equal("missing.example.test.", Assert.Single(result.Answer).Data);
        Assert.Equal("SOA", Assert.Single(result.Authority).Type);
    }

    [Fact]
    public async Task EndsACnameLoop()
    {
        var result = await _dig.QueryAsync("loop1.example.test");

        Assert.Equal("NOERROR", result.Status);
        Assert.All(result.Answer, r => Assert.Equal("CNAME", r.Type));
        Assert.InRange(result.Answer.Count, 2, BetterDns.Dns.Embedded.DnsResponder.MaxCnameChain + 1);
    }

    [Fact]
    public async Task AnswersPtrAndDname()
    {
        var ptr = await _dig.QueryAsync("ptr.example.test", "PTR");
        var dname = await _dig.QueryAsync("dname.example.test", "DNAME");

        Assert.Equal("web-1.example.test.", Assert.Single(ptr.Answer).Data);
        Assert.Equal("elsewhere.org.", Assert.Single(dname.Answer).Data);
    }

    [Fact]
    public async Task AnswersNxdomainWithTheSoaAndItsNegativeTtl()
    {
        var result = await _dig.QueryAsync("nothing.example.test");

        Assert.Equal("NXDOMAIN", result.Status);
        Assert.Contains("aa", result.Flags);
        Assert.Empty(result.Answer);
        var soa = Assert.Single(result.Authority);
        Assert.Equal(("example.test.", TestZone.SoaMinimum, "SOA"), (soa.Owner, soa.Ttl, soa.Type));
        Assert.StartsWith("ns1.example.test. hostmaster.example.test. 2026112501 ", soa.Data);
    }

    [Fact]
    public async Task AnswersNodataWithTheSoaWhenTheNameHasOtherTypes()
    {
        var result = await _dig.QueryAsync("web-1.example.test", "AAAA");

        Assert.Equal("NOERROR", result.Status);
        Assert.Empty(result.Answer);
        Assert.Equal("SOA", Assert.Single(result.Authority).Type);
    }

    [Theory]
    [InlineData("deep.ent.example.test")]
    [InlineData("ent.example.test")]
    public async Task AnswersNodataForAnEmptyNonTerminal(string name)
    {
        var result = await _dig.QueryAsync(name);

        Assert.Equal("NOERROR", result.Status);
        Assert.Empty(result.Answer);
        Assert.Equal("SOA", Assert.Single(result.Authority).Type);
    }

    [Theory]
    [InlineData("anything.wild.example.test")]
    [InlineData("two.labels.wild.example.test")]
    public async Task SynthesisesWildcardAnswersWithTheAskedOwner(string name)
    {
        var a = await _dig.QueryAsync(name);
        var txt = await _dig.QueryAsync(name, "TXT");
        var aaaa = await _dig.QueryAsync(name, "AAAA");

        Assert.Equal(new DigRecord(name + ".", 60, "A", "10.9.9.9"), Assert.Single(a.Answer));
        Assert.Equal("\"wild\"", Assert.Single(txt.Answer).Data);
        Assert.Equal("NOERROR", aaaa.Status);
        Assert.Empty(aaaa.Answer);
    }

    [Fact]
    public async Task DoesNotApplyTheWildcardToTheNameThatOwnsIt()
    {
        var result = await _dig.QueryAsync("wild.example.test");

        Assert.Equal("NOERROR", result.Status);
        Assert.Empty(result.Answer);
    }

    [Fact]
    public async Task RefersDelegatedNamesWithGlue()
    {
        var result = await _dig.QueryAsync("host.sub.example.test", "A", "+norecurse");

        Assert.Equal("NOERROR", result.Status);
        Assert.DoesNotContain("aa", result.Flags);
        Assert.Empty(result.Answer);
        Assert.Equal(new DigRecord("sub.example.test.", 3600, "NS", "ns.sub.example.test."), Assert.Single(result.Authority));
        Assert.Equal(new DigRecord("ns.sub.example.test.", 3600, "A", "192.0.2.100"), Assert.Single(result.Additional));
    }

    [Fact]
    public async Task RefusesNamesOutsideTheZone()
    {
        var result = await _dig.QueryAsync("www.other.test");

        Assert.Equal("REFUSED", result.Status);
        Assert.DoesNotContain("aa", result.Flags);
        Assert.Empty(result.Answer);
    }

    [Fact]
    public async Task AnswersAnyOverTcpWithEveryRRsetAtTheName()
    {
        var result = await _dig.QueryAsync("mail.example.test", "ANY", "+tcp");

        Assert.Equal(["A", "AAAA"], result.Answer.Select(r => r.Type).Order());
    }

    [Fact]
    public async Task AnswersAnyOverUdpWithTheRfc8482Hinfo()
    {
        // Issue 12 row 11: the conventional ANY over UDP was an amplifier (MinimalAnyTests). dig 9.18 asks ANY over TCP unless +notcp.
        var result = await _dig.QueryAsync("mail.example.test", "ANY", "+notcp");

        Assert.Equal(new DigRecord("mail.example.test.", 3600, "HINFO", "\"RFC8482\" \"\""), Assert.Single(result.Answer));
    }

    [Fact]
    public async Task AnswersCaaAndUnknownTypes()
    {
        var caa = await _dig.QueryAsync("caa.example.test", "CAA");
        var unknown = await _dig.QueryAsync("unknown.example.test", "TYPE65280");

        Assert.Equal("0 issue \"letsencrypt.org\"", Assert.Single(caa.Answer).Data);
        Assert.Equal("\\# 3 ABCDEF", Assert.Single(unknown.Answer).Data);
    }

    [Fact]
    public async Task AnswersNotImpForATypeHeldAsPresentationFields()
    {
        var result = await _dig.QueryAsync("opaque.example.test", "SSHFP");

        Assert.Equal("NOTIMP", result.Status);
    }

    [Fact]
    public async Task SetsTcOverUdpWhenThePoolDoesNotFitIn512Octets()
    {
        var result = await _dig.QueryAsync("big.example.test", "A", "+noedns", "+ignore");

        Assert.Contains("tc", result.Flags);
        Assert.Empty(result.Answer);
    }

    [Fact]
    public async Task DigRetriesATruncatedAnswerOverTcpAndGetsItAll()
    {
        var result = await _dig.QueryAsync("big.example.test", "A", "+noedns");

        Assert.True(result.RetriedOverTcp, result.Output);
        Assert.DoesNotContain("tc", result.Flags);
        Assert.Equal(TestZone.BigPoolSize, result.Answer.Count);
    }

    [Fact]
    public async Task AnswersInFullOverTcp()
    {
        var result = await _dig.QueryAsync("big.example.test", "A", "+tcp", "+noedns");

        Assert.Equal(TestZone.BigPoolSize, result.Answer.Count);
    }

    [Theory]
    [InlineData(512, true)]
    [InlineData(1232, false)]
    [InlineData(4096, false)]
    public async Task HonoursTheEdnsBufferSize(int bufferSize, bool truncated)
    {
        var result = await _dig.QueryAsync("big.example.test", "A", $"+bufsize={bufferSize}", "+ignore");

        Assert.Equal(truncated, result.Flags.Contains("tc"));
        Assert.Equal(truncated ? 0 : TestZone.BigPoolSize, result.Answer.Count);
        Assert.Equal((0, 1232), (result.EdnsVersion, result.EdnsUdpSize));
    }

    [Fact]
    public async Task AnswersWithoutOptWhenTheQueryHadNone()
    {
        var result = await _dig.QueryAsync("web-1.example.test", "A", "+noedns");

        Assert.Null(result.EdnsVersion);
    }

    [Fact]
    public async Task AnswersBadversForEdnsVersion1()
    {
        var result = await _dig.QueryAsync("web-1.example.test", "A", "+edns=1", "+noednsnegotiation");

        Assert.Equal("BADVERS", result.Status);
        Assert.Equal(0, result.EdnsVersion);
        Assert.Empty(result.Answer);
    }
}
