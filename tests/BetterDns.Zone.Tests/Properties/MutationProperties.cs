using System.Text;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using CsCheck;

namespace BetterDns.Zone.Tests.Properties;

public sealed class MutationProperties
{
    private static readonly DomainName Origin = DomainName.Parse("example.com.");

    private static readonly byte[] Valid = Encoding.UTF8.GetBytes("""
        $ORIGIN example.com.
        $TTL 1h
        @   IN SOA ns1 hostmaster ( 2024010101 ; serial
                    3h 1h 1w 5m )
            IN NS  ns1
            IN MX  10 mail
        ns1     A     192.0.2.1
        mail    AAAA  2001:db8::25
        www 300 IN CNAME @
        *.wild  TXT   "v=spf1 -all" "semi;colon" "q\"\\\255"
        _sip._tcp SRV 0 5 5060 sip
        @       CAA   0 issue "letsencrypt.org"
        x       TYPE65534 \# 3 abcdef
        x       DS    12345 8 2 ( ABCDEF0123
                                  456789 )
        a\.b    A     192.0.2.9
        $INCLUDE other.inc sub
        """);

    private static readonly Gen<byte[]> Mutated =
        Gen.Select(Gen.Int[1, 8], Gen.Int.Array[24], Gen.Byte.Array[24], (count, positions, bytes) =>
        {
            var data = new List<byte>(Valid);
            for (var i = 0; i < count; i++)
            {
                var at = (int)((uint)positions[i] % (uint)Math.Max(1, data.Count));
                switch ((uint)positions[i + 8] % 3)
                {
                    case 0 when data.Count > 0:
                        data[at] = bytes[i];
                        break;
                    case 1:
                        data.Insert(at, bytes[i]);
                        break;
                    default:
                        if (data.Count > 0)
                        {
                            data.RemoveAt(at);
                        }

                        break;
                }
            }

            return data.ToArray();
        });

    private static readonly ZoneParserOptions Options = new() { IncludeReader = _ => "inc A 192.0.2.77\n"u8.ToArray() };

    [Fact]
    public void TheUnmutatedFileIsValid() => Assert.True(ZoneFileParser.Check(Valid, Origin, Options).Success);

    [Fact]
    public void MutatedFilesNeverCrashTheChecker() =>
        Mutated.Sample(bytes =>
        {
            var result = ZoneFileParser.Check(bytes, Origin, Options);
            Assert.All(result.Errors, e => Assert.True(e.Line >= 1 && e.Column >= 1));
        }, iter: 3000);

    [Fact]
    public void MutatedFilesOnlyEverThrowZoneFileFormatException() =>
        Mutated.Sample(bytes =>
        {
            try
            {
                ZoneFileParser.Parse(bytes, Origin, Options);
            }
            catch (ZoneFileFormatException e)
            {
                Assert.NotEmpty(e.Errors);
                Assert.Equal(e.Errors[0].ToString(), e.Message);
            }
        }, iter: 1000);

    [Fact]
    public void RandomBytesNeverCrashTheChecker() =>
        Gen.Byte.Array[0, 400].Sample(bytes => ZoneFileParser.Check(bytes, Origin, Options), iter: 2000);
}
