namespace BetterDns.Zone.Tests.Differential;

/// <summary>The normaliser removes differences of spelling and nothing else.</summary>
public sealed class CanonicalRecordsTests
{
    [Fact]
    public void CollapsesBlanksOutsideQuotesOnly()
    {
        Assert.Equal(
            "a.example. 300 IN TXT \"two  spaces\" \"x\"",
            CanonicalRecords.NormaliseLine("a.example.\t\t\t      300 IN TXT\t\"two  spaces\"   \"x\""));
    }

    [Fact]
    public void ComparesOwnersExactlyWhenAsked()
    {
        Assert.NotEqual(
            CanonicalRecords.NormaliseLine("WWW.example.com. 60 IN A 192.0.2.1", ignoreOwnerCase: false),
            CanonicalRecords.NormaliseLine("www.example.com. 60 IN A 192.0.2.1", ignoreOwnerCase: false));
    }

    [Fact]
    public void LowerCasesOwnersButNotNamesInRData()
    {
        Assert.Equal(
            "www.example.com. 60 IN CNAME Web.Example.COM.",
            CanonicalRecords.NormaliseLine("WWW.Example.COM. 60 IN CNAME Web.Example.COM."));
    }

    [Theory]
    [InlineData("x. 1 IN DS 1 13 2 C988EC42 3E38", "x. 1 IN DS 1 13 2 c988ec423e38")]
    [InlineData("x. 1 IN TLSA 3 1 1 0C72AC70 B745", "x. 1 IN TLSA 3 1 1 0c72ac70b745")]
    [InlineData("x. 1 IN SSHFP 1 1 DD465C09 CFA5", "x. 1 IN SSHFP 1 1 dd465c09cfa5")]
    [InlineData("x. 1 IN DNSKEY 257 3 13 mdss+Gq KkxL==", "x. 1 IN DNSKEY 257 3 13 mdss+GqKkxL==")]
    [InlineData(@"x. 1 IN TYPE65000 \# 8 00112233 44556677", @"x. 1 IN TYPE65000 \# 8 0011223344556677")]
    [InlineData("x. 1 IN HTTPS 1 . port=8443 alpn=\"h2,h3\"", "x. 1 IN HTTPS 1 . alpn=h2,h3 port=8443")]
    [InlineData("x. 1 IN ZONEMD 1 1 240 E2D523F654B9 422A96C5A8F4", "x. 1 IN ZONEMD 1 1 240 e2d523f654b9422a96c5a8f4")]
    [InlineData("x. 1 IN RRSIG A 8 2 60 20260101000000 20250101000000 1 x. AAAA BBBB", "x. 1 IN RRSIG A 8 2 60 20260101000000 20250101000000 1 x. AAAABBBB")]
    [InlineData("x. 1 IN HIP 2 200100107B1A AwEAAQ==", "x. 1 IN HIP 2 200100107b1a AwEAAQ==")]
    public void JoinsChunkedBinaryFieldsAndIgnoresHexCaseAndSvcParamOrder(string bind, string ours) =>
        Assert.Equal(CanonicalRecords.NormaliseLine(bind), CanonicalRecords.NormaliseLine(ours));

    [Theory]
    [InlineData("x. 1 IN A 192.0.2.1", "x. 1 IN A 192.0.2.2")]
    [InlineData("x. 1 IN A 192.0.2.1", "x. 2 IN A 192.0.2.1")]
    [InlineData("x. 1 IN TXT \"Case\"", "x. 1 IN TXT \"case\"")]
    [InlineData("x. 1 IN TXT \"a b\"", "x. 1 IN TXT \"a\" \"b\"")]
    [InlineData("x. 1 IN DNSKEY 257 3 13 AbC=", "x. 1 IN DNSKEY 257 3 13 abc=")]
    [InlineData("x. 1 IN CAA 0 issue \"ca.example\"", "x. 1 IN CAA 0 issuewild \"ca.example\"")]
    [InlineData("x. 1 IN MX 10 Mail.example.", "x. 1 IN MX 10 mail.example.")]
    public void KeepsEveryOtherDifference(string left, string right) =>
        Assert.NotEqual(CanonicalRecords.NormaliseLine(left), CanonicalRecords.NormaliseLine(right));

    [Fact]
    public void SkipsBindsCommentLines() =>
        Assert.Equal(["a. 1 IN A 192.0.2.1"], CanonicalRecords.Normalise("a. 1 IN A 192.0.2.1\n; resign=20260101000000\n"));

    [Fact]
    public void TreatsTheOutputAsASetOfDistinctRecords()
    {
        var records = CanonicalRecords.Normalise("b. 1 IN A 192.0.2.1\n\na. 1 IN A 192.0.2.1\nB. 1 IN A 192.0.2.1\n");
        Assert.Equal(["a. 1 IN A 192.0.2.1", "b. 1 IN A 192.0.2.1"], records);
    }
}
