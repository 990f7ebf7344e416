using BetterDns.Records;
using BetterDns.Registry.Options;
using Microsoft.Extensions.Options;

namespace BetterDns.Tests.Validation;

public sealed class RecordRulesTests
{
    private readonly RecordRules _rules = new(
        Options.Create(new RegistrationOptions()),
        RegistrySettings.ForDirectory(Path.GetTempPath()));

    [Theory]
    [InlineData("web-1", "web-1")]
    [InlineData("Web-1", "Web-1")]
    [InlineData("a", "a")]
    [InlineData("1", "1")]
    [InlineData("api.eu-1", "api.eu-1")]
    [InlineData("web-1.cluster.internal.", "web-1")]
    [InlineData("web-1.CLUSTER.internal.", "web-1")]
    public void AcceptsHostNamesInsideTheZone(string text, string relative)
    {
        Assert.Equal(relative, _rules.TryNormaliseName(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("web_1", "RFC 1123")]
    [InlineData("-web", "hyphen")]
    [InlineData("web-", "hyphen")]
    [InlineData("web..1", "empty label")]
    [InlineData(".web", "empty label")]
    [InlineData("web\n1", "U+000A")]
    [InlineData("web;1", "';'")]
    [InlineData("cluster.internal.", "apex")]
    [InlineData("web.example.com.", "not inside the zone")]
    [InlineData("", "required")]
    public void RejectsNamesNamingTheRule(string text, string rule)
    {
        Assert.Null(_rules.TryNormaliseName(text, out var error));
        Assert.Contains(rule, error);
    }

    [Fact]
    public void RejectsLabelsLongerThan63Octets()
    {
        Assert.NotNull(_rules.TryNormaliseName(new string('a', 63), out _));
        Assert.Null(_rules.TryNormaliseName(new string('a', 64), out var error));
        Assert.Contains("at most 63", error);
    }

    [Fact]
    public void RejectsNamesLongerThan253OctetsWithTheOrigin()
    {
        // 4 labels of 55 + 3 dots = 223; with ".cluster.internal" (17) that is 240: fits. One more label of 12 does not.
        var fits = string.Join('.', Enumerable.Repeat(new string('a', 55), 4));
        Assert.NotNull(_rules.TryNormaliseName(fits, out _));
        Assert.Null(_rules.TryNormaliseName(fits + "." + new string('b', 13), out var error));
        Assert.Contains("at most 253", error);
    }

    [Theory]
    [InlineData("10.255.0.1", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("169.254.0.1", false)]
    public void AllowsOnlyTheDefaultPrivateNetworks(string ip, bool allowed) =>
        Assert.Equal(allowed, _rules.TryParseAddress(ip, out _) is not null);

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(86400, true)]
    [InlineData(86401, false)]
    [InlineData(-1, false)]
    public void TtlMustBeInTheConfiguredRange(long ttl, bool allowed) => Assert.Equal(allowed, _rules.CheckTtl(ttl, out _));
}
