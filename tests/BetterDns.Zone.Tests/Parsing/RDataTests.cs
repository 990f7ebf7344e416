using System.Net;
using BetterDns.Zone.Model;
using static BetterDns.Zone.Tests.Parsing.ZoneText;

namespace BetterDns.Zone.Tests.Parsing;

public sealed class RDataTests
{
    private static RData Data(string rdata, string type) => Single($"$TTL 60\nx {type} {rdata}\n").Data;

    [Fact]
    public void ReadsAStrictDottedQuad() => Assert.Equal(0xC0000201u, Assert.IsType<AData>(Data("192.0.2.1", "A")).Value);

    [Theory]
    [InlineData("010.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.4x")]
    [InlineData("1..3.4")]
    [InlineData("0x1.2.3.4")]
    public void RejectsAnythingButAStrictDottedQuad(string address)
    {
        var error = SingleError($"$TTL 60\nx A {address}\n");
        Assert.Equal($"expected an IPv4 address, found '{address}'", error.Message);
        Assert.Equal((2, 5), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("::")]
    [InlineData("::ffff:192.0.2.1")]
    [InlineData("2001:DB8:0:0:0:0:0:1")]
    public void ReadsIPv6Addresses(string address) =>
        Assert.Equal(IPAddress.Parse(address), Assert.IsType<AaaaData>(Data(address, "AAAA")).Address);

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("2001:db8::1%eth0")]
    [InlineData("[2001:db8::1]")]
    [InlineData("2001:db8:::1")]
    public void RejectsWhatIsNotAnIPv6Address(string address) =>
        Assert.Equal($"expected an IPv6 address, found '{address}'", SingleError($"$TTL 60\nx AAAA {address}\n").Message);

    [Theory]
    [InlineData("NS")]
    [InlineData("CNAME")]
    [InlineData("PTR")]
    [InlineData("DNAME")]
    public void ReadsSingleNameTypesRelativeToTheOrigin(string type)
    {
        var data = Assert.IsType<NameData>(Data("target", type));
        Assert.Equal(Name("target.example.com."), data.Target);
        Assert.Equal(type, data.Type.ToString());
    }

    [Fact]
    public void ReadsMx() => Assert.Equal(new MxData(10, Origin), Data("10 @", "MX"));

    [Fact]
    public void ReadsSrv() => Assert.Equal(new SrvData(0, 5, 5060, Name("sip.example.com.")), Data("0 5 5060 sip", "SRV"));

    [Fact]
    public void RejectsAnSrvPortAbove65535() =>
        Assert.Equal("expected an SRV port (0 to 65535), found '65536'", SingleError("$TTL 60\nx SRV 0 5 65536 sip\n").Message);

    [Fact]
    public void ReadsCaaWithQuotedOrBareValues()
    {
        Assert.Equal(new CaaData(0, "issue", "letsencrypt.org; validationmethods=dns-01"), Data("0 issue \"letsencrypt.org; validationmethods=dns-01\"", "CAA"));
        Assert.Equal(new CaaData(128, "iodef", "mailto:a@example.com"), Data("128 iodef mailto:a@example.com", "CAA"));
    }

    [Fact]
    public void RejectsACaaTagThatIsNotAlphanumeric() =>
        Assert.StartsWith("expected a CAA tag", SingleError("$TTL 60\nx CAA 0 is-sue \"x\"\n").Message);

    [Fact]
    public void ReadsSeveralTxtStringsQuotedOrNot()
    {
        var txt = Assert.IsType<TxtData>(Data("\"v=DKIM1; k=rsa\" p=abc \"\"", "TXT"));
        Assert.Equal(["v=DKIM1; k=rsa", "p=abc", ""], txt.Strings.ToArray());
    }

    [Fact]
    public void ReadsSpfAsText() =>
        Assert.Equal(new TxtData(["v=spf1 -all"], RecordType.SPF), Data("\"v=spf1 -all\"", "SPF"));

    [Fact]
    public void RejectsACharacterStringLongerThan255Octets()
    {
        var error = SingleError($"$TTL 60\nx TXT \"{new string('a', 256)}\"\n");
        Assert.Equal("character-string is 256 octets long, the limit is 255", error.Message);
        Assert.IsType<TxtData>(Data($"\"{new string('a', 255)}\"", "TXT"));
    }

    [Fact]
    public void KeepsOtherTypesAsTheirFieldsWithQuotes()
    {
        var hinfo = Assert.IsType<OpaqueData>(Data("\"Intel x86\" Linux", "HINFO"));
        Assert.Equal(["\"Intel x86\"", "Linux"], hinfo.Fields.ToArray());
        var ds = Assert.IsType<OpaqueData>(Data("12345 8 2 ( ABCDEF01\n 23456789 )", "DS"));
        Assert.Equal(["12345", "8", "2", "ABCDEF01", "23456789"], ds.Fields.ToArray());
    }

    [Theory]
    [InlineData("NAPTR", "100 10 \"u\" \"E2U+sip\" \"!^.*$!sip:x@example.com!\" repl", "100 10 \"u\" \"E2U+sip\" \"!^.*$!sip:x@example.com!\" repl.example.com.")]
    [InlineData("RP", "admin txt", "admin.example.com. txt.example.com.")]
    [InlineData("AFSDB", "1 afs", "1 afs.example.com.")]
    [InlineData("KX", "10 kx", "10 kx.example.com.")]
    [InlineData("RT", "10 relay", "10 relay.example.com.")]
    [InlineData("HTTPS", "1 svc alpn=h2", "1 svc.example.com. alpn=h2")]
    [InlineData("SVCB", "0 @", "0 example.com.")]
    [InlineData("NSEC", "next A RRSIG", "next.example.com. A RRSIG")]
    public void MakesNameFieldsOfOtherTypesAbsolute(string type, string rdata, string expected) =>
        Assert.Equal(expected, Assert.IsType<OpaqueData>(Data(rdata, type)).ToPresentation());

    [Fact]
    public void KeepsGenericDataOfUnknownTypes()
    {
        var data = Assert.IsType<UnknownData>(Data("\\# 3 ab CDef", "TYPE65534"));
        Assert.Equal([0xAB, 0xCD, 0xEF], data.Data.ToArray());
        Assert.Equal((RecordType)65534, data.Type);
        Assert.IsType<UnknownData>(Data("\\# 0", "TYPE65000"));
    }

    [Theory]
    [InlineData("A", "\\# 4 C0000201", "192.0.2.1")]
    [InlineData("AAAA", "\\# 16 20010DB8000000000000000000000001", "2001:db8::1")]
    [InlineData("NS", "\\# 5 036E733100", "ns1.")]
    [InlineData("MX", "\\# 8 000A046D61696C00", "10 mail.")]
    [InlineData("TXT", "\\# 6 0268690161 00", "\"hi\" \"a\" \"\"")]
    [InlineData("SRV", "\\# 7 00010002000300", "1 2 3 .")]
    [InlineData("CAA", "\\# 8 0005697373756561", "0 issue \"a\"")]
    [InlineData("SOA", "\\# 22 0000 00000001 00000002 00000003 00000004 00000005", ". . 1 2 3 4 5")]
    public void DecodesGenericDataOfTypedTypesAsBindDoes(string type, string rdata, string presentation) =>
        Assert.Equal(presentation, Data(rdata, type).ToPresentation());

    [Fact]
    public void UsesGenericDataOfOtherKnownTypesAsIs() =>
        Assert.Equal(new UnknownData(RecordType.DS, [1, 2]), Data("\\# 2 0102", "DS"));

    [Theory]
    [InlineData("\\# 3 abcd", "expected 3 octets of RDATA, found 2")]
    [InlineData("\\# 1 abcd", "more RDATA than the 1 octets announced")]
    [InlineData("\\# 2 abc", "expected hex digits in pairs, found 'abc'")]
    [InlineData("\\# 2 zz00", "expected hex digits in pairs, found 'zz00'")]
    [InlineData("01 02", "expected RFC 3597 generic data ('\\# length hex') for TYPE65534, found '01'")]
    public void RejectsBadGenericData(string rdata, string message) =>
        Assert.Equal(message, SingleError($"$TTL 60\nx TYPE65534 {rdata}\n").Message);

    [Fact]
    public void RejectsGenericDataThatIsNotValidForItsType() =>
        Assert.Equal("the generic RDATA is not a valid A in wire form", SingleError("$TTL 60\nx A \\# 3 010203\n").Message);

    [Fact]
    public void ReportsMissingFieldsAtTheEndOfTheRecord()
    {
        var error = SingleError("$TTL 60\nx MX 10\n");
        Assert.Equal((2, 8), (error.Line, error.Column));
        Assert.Equal("expected a mail exchanger name, found the end of the record", error.Message);
    }

    [Fact]
    public void ReportsExtraFields() =>
        Assert.Equal("expected the end of the record after the A data, found '1.2.3.4'", SingleError("$TTL 60\nx A 192.0.2.1 1.2.3.4\n").Message);

    [Fact]
    public void SoaTimersAcceptTtlUnits()
    {
        var soa = Assert.IsType<SoaData>(Data("ns hm 2024 1h 30m 1w 1d", "SOA"));
        Assert.Equal((3600u, 1800u, 604800u, 86400u), (soa.Refresh, soa.Retry, soa.Expire, soa.Minimum));
    }

    [Fact]
    public void AcceptsTextUpToTheLargestRdlength()
    {
        // 257 strings of 254 octets, each with its length octet: 65,535 octets.
        var strings = string.Join(' ', Enumerable.Repeat('"' + new string('x', 254) + '"', 257));
        var txt = Assert.IsType<TxtData>(Data($"( {strings} )", "TXT"));
        Assert.Equal(ushort.MaxValue, txt.Strings.Sum(s => 1 + s.Length));
    }

    [Fact]
    public void RefusesTextLongerThanTheLargestRdlength()
    {
        var strings = string.Join(' ', Enumerable.Repeat('"' + new string('x', 254) + '"', 256)) + " \"" + new string('x', 255) + "\"";
        var error = SingleError($"$TTL 60\nx TXT ( {strings} )\n");
        Assert.Equal("the TXT RDATA is 65536 octets, more than the 65535 an RR can hold", error.Message);
        Assert.Equal((2, 9), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("ANY")]
    [InlineData("TYPE255")]
    [InlineData("AXFR")]
    [InlineData("IXFR")]
    [InlineData("OPT")]
    [InlineData("TYPE41")]
    [InlineData("TKEY")]
    [InlineData("TSIG")]
    [InlineData("MAILA")]
    [InlineData("TYPE0")]
    [InlineData("TYPE128")]
    public void RefusesMetaTypesAsData(string type)
    {
        var error = SingleError($"$TTL 60\nx {type} \\# 1 00\n");
        Assert.Contains("is a meta type (RFC 6895)", error.Message, StringComparison.Ordinal);
        Assert.Equal((2, 3), (error.Line, error.Column));
    }

    [Fact]
    public void KeepsTheTypesBesideTheMetaRangeAsData() =>
        Assert.IsType<UnknownData>(Data("\\# 1 00", "TYPE127"));

    [Theory]
    [InlineData("EUI48", "00-00-5E-00-53-2A", "00-00-5e-00-53-2a")]
    [InlineData("NID", "10 0014:4FFF:ff20:EE64", "10 14:4fff:ff20:ee64")]
    [InlineData("L64", "10 2001:0DB8:1140:1000", "10 2001:db8:1140:1000")]
    [InlineData("NSAP", "0x47.0005.80.005A00", "0x47000580005a00")]
    [InlineData("WKS", "192.0.2.1 TCP smtp 80 ftp 80", "192.0.2.1 6 21 25 80")]
    [InlineData("DSYNC", "cds 1 5359 dsync", "CDS NOTIFY 5359 dsync.example.")]
    [InlineData("CSYNC", "66 3 a ns TYPE28", "66 3 A NS AAAA")]
    [InlineData("NXT", "next a mx", "next.example. A MX")]
    [InlineData("RRSIG", "aaaa 13 2 60 20260101000000 20250101000000 1 Signer AAAA", "AAAA 13 2 60 20260101000000 20250101000000 1 Signer.example. AAAA")]
    [InlineData("SIG", "a 13 2 60 20260101000000 20250101000000 1 Signer AAAA", "A 13 2 60 20260101000000 20250101000000 1 Signer.example. AAAA")]
    [InlineData("HIP", "2 200100107B1A AwEAAQ== rvs1 rvs2.example.org.", "2 200100107B1A AwEAAQ== rvs1.example. rvs2.example.org.")]
    [InlineData("IPSECKEY", "10 3 2 gw AQNR", "10 3 2 gw.example. AQNR")]
    [InlineData("PX", "10 a b.", "10 a.example. b.")]
    public void WritesTheAddedTypesAsBindDoes(string type, string rdata, string expected) =>
        Assert.Equal(expected, Single($"$ORIGIN example.\n$TTL 60\nx {type} {rdata}\n").Data.ToPresentation());

    [Theory]
    [InlineData("ZONEMD", "1 1 1 e2d523f654b9422a96c5a8f44607bbee", "SHA-384 digest is 48 octets")]
    [InlineData("ZONEMD", "1 1 240 e2d523", "at least 12 octets")]
    [InlineData("EUI64", "00-00-5e-ef-10-00-00", "8 hex octets")]
    [InlineData("X25", "123", "4 or more digits")]
    [InlineData("SIG", "A 13 2 60 1767225600 20250101000000 1 example.com. AAAA", "YYYYMMDDHHmmSS")]
    [InlineData("KEY", "256 3 13 not*base64", "base64")]
    [InlineData("APL", "1:192.0.2.0/33", "APL item")]
    [InlineData("L32", "10 10.1.2", "IPv4 address")]
    [InlineData("WKS", "192.0.2.1 tcp nosuchservice", "known service name")]
    [InlineData("NULL", "010203", "generic data")]
    public void RefusesWhatBindRefusesInTheAddedTypes(string type, string rdata, string message)
    {
        var error = SingleError($"$TTL 60\nx {type} {rdata}\n");
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }
}
