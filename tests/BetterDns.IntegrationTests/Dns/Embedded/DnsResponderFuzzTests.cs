using BetterDns.Dns.Embedded;
using BetterDns.Dns.Wire;
using BetterDns.IntegrationTests.Dns.Wire;

namespace BetterDns.IntegrationTests.Dns.Embedded;

/// <summary>Mutated queries straight into the responder: it never throws and never overruns a limit.</summary>
public sealed class DnsResponderFuzzTests
{
    private static readonly string[] Names =
        ["web-1.example.test", "pool.example.test", "alias.example.test", "x.wild.example.test", "host.sub.example.test", "big.example.test", "nothing.example.test"];

    [Fact]
    public void SurvivesMutatedQueriesWithinTheSizeLimit()
    {
        var responder = new DnsResponder(new MutableZoneSource(TestZone.Build()));
        var random = new Random(20261126);
        var response = new byte[DnsHeader.MaxMessageLength];
        for (var i = 0; i < 20_000; i++)
        {
            var query = RawQuery.Build((ushort)i, Names[i % Names.Length], type: (ushort)random.Next(0, 300), opt: i % 3 == 0 ? null : RawQuery.Opt((ushort)random.Next(0, 5000), (byte)(i % 5 == 0 ? 1 : 0)));
            for (var flips = random.Next(0, 4); flips > 0; flips--)
            {
                query[random.Next(query.Length)] = (byte)random.Next(256);
            }

            var cut = random.Next(0, 8) == 0 ? query[..random.Next(query.Length)] : query;
            var overTcp = i % 4 == 0;

            var length = responder.Respond(cut, response, overTcp);

            Assert.InRange(length, 0, overTcp ? DnsHeader.MaxMessageLength : responder.MaxUdpPayload);
            if (length > 0)
            {
                Assert.Equal(RawQuery.Id(cut), RawQuery.Id(response));
                Assert.True((RawQuery.Flags(response) & 0x8000) != 0, "a reply has QR set");
            }
        }
    }
}
