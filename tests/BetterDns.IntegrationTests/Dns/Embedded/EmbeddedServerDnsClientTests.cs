using DnsClient;
using DnsClient.Protocol;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>Every answer kind of the embedded server, as a .NET resolver (DnsClient) sees it.</summary>
public sealed class EmbeddedServerDnsClientTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    private readonly LookupClient _client = server.Client();

    [Fact]
    public async Task AnswersAnARecordAuthoritatively()
    {
        var response = await _client.QueryAsync("web-1.example.test", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.True(response.Header.HasAuthorityAnswer);
        var a = Assert.Single(response.Answers.ARecords());
        Assert.Equal(("web-1.example.test.", "10.0.0.5", 60), (a.DomainName.Value, a.Address.ToString(), a.InitialTimeToLive));
    }

    [Fact]
    public async Task RotatesPoolMembersFromOneQueryToTheNext()
    {
        var firsts = new List<string>();
        for (var i = 0; i < TestZone.Pool.Length; i++)
        {
            var response = await _client.QueryAsync("pool.example.test", QueryType.A);
            var addresses = response.Answers.ARecords().Select(a => a.Address.ToString()).ToArray();
            Assert.Equal(TestZone.Pool.Order(), addresses.Order());
            firsts.Add(addresses[0]);
        }

        Assert.Equal(TestZone.Pool.Order(), firsts.Order());
    }

    [Fact]
    public async Task AnswersAaaa()
    {
        var response = await _client.QueryAsync("v6.example.test", QueryType.AAAA);

        Assert.Equal("2001:db8::1", Assert.Single(response.Answers.AaaaRecords()).Address.ToString());
    }

    [Fact]
    public async Task AnswersMxWithTheExchangeAddressesInAdditional()
    {
        var response = await _client.QueryAsync("example.test", QueryType.MX);

        var mx = Assert.Single(response.Answers.MxRecords());
        Assert.Equal((10, "mail.example.test."), (mx.Preference, mx.Exchange.Value));
        Assert.Equal("192.0.2.25", Assert.Single(response.Additionals.ARecords()).Address.ToString());
        Assert.Equal("2001:db8::25", Assert.Single(response.Additionals.AaaaRecords()).Address.ToString());
    }

    [Fact]
    public async Task AnswersTxtWithOddOctetsIntact()
    {
        var response = await _client.QueryAsync("txt.example.test", QueryType.TXT);

        var txt = Assert.Single(response.Answers.TxtRecords());
        // DnsClient escapes the quote and writes other non-printables as \DDD; the backslash it leaves bare.
        Assert.Equal(["hello world", "a\\\"b\\c\\000d;e\\255"], txt.EscapedText);
    }

    [Fact]
    public async Task AnswersSrvWithTheTargetAddressInAdditional()
    {
        var response = await _client.QueryAsync("_sip._tcp.example.test", QueryType.SRV);

        var srv = Assert.Single(response.Answers.SrvRecords());
        Assert.Equal((10, 60, 5060, "sip.example.test."), (srv.Priority, srv.Weight, srv.Port, srv.Target.Value));
        Assert.Equal("192.0.2.60", Assert.Single(response.Additionals.ARecords()).Address.ToString());
    }

    [Fact]
    public async Task FollowsACnameChainInsideTheZone()
    {
        var response = await _client.QueryAsync("alias.example.test", QueryType.A);

        Assert.Equal(["chain.example.test.", "web-1.example.test."], response.Answers.CnameRecords().Select(c => c.CanonicalName.Value));
        Assert.Equal("10.0.0.5", Assert.Single(response.Answers.ARecords()).Address.ToString());
    }

    [Fact]
    public async Task AnswersNxdomainWithTheSoaAndItsNegativeTtl()
    {
        var response = await _client.QueryAsync("nothing.example.test", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
        Assert.True(response.Header.HasAuthorityAnswer);
        var soa = Assert.Single(response.Authorities.SoaRecords());
        Assert.Equal((TestZone.SoaMinimum, (int)TestZone.SoaMinimum), (soa.Minimum, soa.InitialTimeToLive));
    }

    [Fact]
    public async Task AnswersNodataWithTheSoa()
    {
        var response = await _client.QueryAsync("web-1.example.test", QueryType.MX);

        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.Empty(response.Answers);
        Assert.Single(response.Authorities.SoaRecords());
    }

    [Fact]
    public async Task AnswersNodataForAnEmptyNonTerminal()
    {
        var response = await _client.QueryAsync("ent.example.test", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.Empty(response.Answers);
        Assert.Single(response.Authorities.SoaRecords());
    }

    [Fact]
    public async Task SynthesisesWildcardAnswersWithTheAskedOwner()
    {
        var response = await _client.QueryAsync("Some-Host.wild.example.test", QueryType.A);

        var a = Assert.Single(response.Answers.ARecords());
        Assert.Equal(("Some-Host.wild.example.test.", "10.9.9.9"), (a.DomainName.Original, a.Address.ToString()));
    }

    [Fact]
    public async Task RefersDelegatedNamesWithGlue()
    {
        var response = await _client.QueryAsync("host.sub.example.test", QueryType.A);

        Assert.False(response.Header.HasAuthorityAnswer);
        Assert.Empty(response.Answers);
        Assert.Equal("ns.sub.example.test.", Assert.Single(response.Authorities.NsRecords()).NSDName.Value);
        Assert.Equal("192.0.2.100", Assert.Single(response.Additionals.ARecords()).Address.ToString());
    }

    [Fact]
    public async Task RefusesNamesOutsideTheZone()
    {
        var response = await _client.QueryAsync("www.other.test", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.Refused, response.Header.ResponseCode);
        Assert.False(response.Header.HasAuthorityAnswer);
    }

    [Fact]
    public async Task AnswersAnyOverTcpWithEveryRRsetAtTheName()
    {
        var response = await server.Client(tcpOnly: true).QueryAsync("mail.example.test", QueryType.ANY);

        Assert.Equal([ResourceRecordType.A, ResourceRecordType.AAAA], response.Answers.Select(r => r.RecordType).Order());
    }

    [Fact]
    public async Task AnswersAnyOverUdpWithOneHinfo()
    {
        var response = await _client.QueryAsync("mail.example.test", QueryType.ANY);

        var hinfo = Assert.Single(response.Answers.HInfoRecords());
        Assert.Equal(("RFC8482", ""), (hinfo.Cpu, hinfo.OS));
    }

    [Fact]
    public async Task AnswersCaa()
    {
        var response = await _client.QueryAsync("caa.example.test", QueryType.CAA);

        var caa = Assert.Single(response.Answers.CaaRecords());
        Assert.Equal((0, "issue", "letsencrypt.org"), (caa.Flags, caa.Tag, caa.Value));
    }

    [Fact]
    public async Task ReportsTruncationOver512OctetUdpWithoutFallback()
    {
        var client = new LookupClient(new LookupClientOptions(new NameServer(server.Endpoint))
        {
            UseCache = false, Retries = 0, UseTcpFallback = false, ExtendedDnsBufferSize = 512, ThrowDnsErrors = false,
        });

        var error = await Assert.ThrowsAsync<DnsResponseException>(() => client.QueryAsync("big.example.test", QueryType.A));

        Assert.Contains("truncated", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FallsBackToTcpForTheFullAnswer()
    {
        var client = new LookupClient(new LookupClientOptions(new NameServer(server.Endpoint))
        {
            UseCache = false, Retries = 0, UseTcpFallback = true, ExtendedDnsBufferSize = 512, ThrowDnsErrors = false,
        });

        var response = await client.QueryAsync("big.example.test", QueryType.A);

        Assert.False(response.Header.ResultTruncated);
        Assert.Equal(TestZone.BigPoolSize, response.Answers.ARecords().Count());
    }

    [Fact]
    public async Task AnswersOverTcpOnly()
    {
        var response = await server.Client(tcpOnly: true).QueryAsync("big.example.test", QueryType.A);

        Assert.Equal(TestZone.BigPoolSize, response.Answers.ARecords().Count());
    }

    [Fact]
    public async Task FitsTheWholePoolInAnEdnsBuffer()
    {
        var client = new LookupClient(new LookupClientOptions(new NameServer(server.Endpoint))
        {
            UseCache = false, Retries = 0, UseTcpFallback = false, ExtendedDnsBufferSize = 1232, ThrowDnsErrors = false,
        });

        var response = await client.QueryAsync("big.example.test", QueryType.A);

        Assert.False(response.Header.ResultTruncated);
        Assert.Equal(TestZone.BigPoolSize, response.Answers.ARecords().Count());
    }
}
