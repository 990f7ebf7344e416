using System.Net;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Records;

/// <summary>X-Forwarded-For names the client only when the peer is a configured proxy.</summary>
public sealed class ForwardedForTests
{
    [Fact]
    public async Task ForwardedForFromAnUntrustedPeerIsIgnored()
    {
        await using var app = new BetterDnsApplication(null, null) { RemoteAddress = IPAddress.Parse("10.2.0.1") };
        var client = app.CreateVmClient("vm-xff-1", "xff-*");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "10.2.0.99");

        var record = await (await client.RegisterAsync("xff-1")).ReadJsonAsync();

        Assert.Equal("10.2.0.1", record.Str("ip"));
    }

    [Fact]
    public async Task ForwardedForFromATrustedProxyNamesTheCaller()
    {
        var settings = new Dictionary<string, string?> { ["Registration:TrustedProxies:0"] = "10.2.1.0/24" };
        await using var app = new BetterDnsApplication(null, settings) { RemoteAddress = IPAddress.Parse("10.2.1.7") };
        var client = app.CreateVmClient("vm-xff-2", "xff-*");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "10.2.0.42");

        var record = await (await client.RegisterAsync("xff-2")).ReadJsonAsync();

        Assert.Equal("10.2.0.42", record.Str("ip"));
    }

    [Fact]
    public async Task ACallerOutsideTheAllowedNetworksMustSendIp()
    {
        await using var app = new BetterDnsApplication(null, null) { RemoteAddress = IPAddress.Parse("203.0.113.9") };

        var response = await app.CreateVmClient("vm-xff-3", "xff-*").RegisterAsync("xff-3");

        var messages = await response.AssertValidationProblemAsync("ip");
        Assert.Contains(messages, m => m.Contains("203.0.113.9") && m.Contains("Send 'ip' explicitly"));
    }
}
