using System.Net;
using BetterDns.Registry;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Records;

/// <summary>
/// Issue 12 row 13: <c>*</c> in "web-*" matched dots, so a web-* token registered web-x.api-1 and
/// web-1.ns1 (names under other tenants' labels). Now <c>*</c> matches inside one label only.
/// </summary>
public sealed class NamePatternTests(BetterDnsApplication app) : IClassFixture<BetterDnsApplication>
{
    [Theory]
    [InlineData("web-*", "web-x.api-1")]
    [InlineData("web-*", "web-1.ns1")]
    [InlineData("*", "web-1.eu-1")]
    [InlineData("*.eu-1", "web-1.x.eu-1")]
    public async Task AStarNeverCrossesADotThroughTheApi(string pattern, string name)
    {
        var response = await app.CreateVmClient("vm-star-" + pattern.Length, pattern).RegisterAsync(name, "10.3.25.1");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("pattern", problem.Detail());
        await (await app.CreateAdminClient().GetNameAsync(name)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("star-*", "star-1")]
    [InlineData("*.star-eu", "web-1.star-eu")]
    [InlineData("star-*.*", "star-2.eu")]
    public async Task AStarMatchesInsideOneLabelThroughTheApi(string pattern, string name)
    {
        var response = await app.CreateVmClient("vm-label", pattern).RegisterAsync(name, "10.3.25.2");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("web-*", "web-1", true)]
    [InlineData("web-*", "WEB-", true)]
    [InlineData("web-*", "web-1.eu", false)]
    [InlineData("*", "a", true)]
    [InlineData("*", "a.b", false)]
    [InlineData("*.*", "a.b", true)]
    [InlineData("*.eu", "web.eu", true)]
    [InlineData("*.eu", "eu", false)]
    [InlineData("w*b*-*", "web-b-1", true)]
    [InlineData("w*b*-*", "web.b-1", false)]
    [InlineData("a.*.c", "a.b.c", true)]
    [InlineData("a.*.c", "a.b.x.c", false)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exact.more", false)]
    public void PatternsMatchLabelByLabel(string pattern, string name, bool matches) =>
        Assert.Equal(matches, NamePattern.IsMatch(pattern, name));

    [Theory]
    [InlineData("web-*", true)]
    [InlineData("*.eu-1", true)]
    [InlineData("*", true)]
    [InlineData("", false)]
    [InlineData("web..*", false)]
    [InlineData(".web", false)]
    [InlineData("web.", false)]
    [InlineData("web_*", false)]
    [InlineData("web *", false)]
    [InlineData("web/*", false)]
    public void PatternsAreCheckedBeforeMinting(string pattern, bool valid) =>
        Assert.Equal(valid, NamePattern.IsValid(pattern, out _));
}
