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
    public async Task AnUntrustedPeerCannotClaimAnotherAddressWithForwardedFor()
    {
        await using var app = new BetterDnsApplication(null, null) { RemoteAddress = IPAddress.Parse("10.2.0.1") };
        var client = app.CreateClient(app.CreateToken("vm-xff-4", false, ["xff-*"], ips: []));
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "10.2.0.99");

        var response = await client.RegisterAsync("xff-4", "10.2.0.99");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("(10.2.0.1)", problem.Detail());
    }

    [Fact]
    public async Task BehindATrustedProxyTheForwardedClientIsTheEntitledAddressButNeverLoopback()
    {
        var settings = new Dictionary<string, string?> { ["Registration:TrustedProxies:0"] = "10.2.1.7" };
        await using var app = new BetterDnsApplication(null, settings) { RemoteAddress = IPAddress.Parse("10.2.1.7") };
        var client = app.CreateClient(app.CreateToken("vm-xff-5", false, ["xff-*"], ips: []));
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "10.2.0.43");

        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync("xff-5", "10.2.0.43")).StatusCode);
        await (await client.RegisterAsync("xff-6", "10.2.1.7")).AssertProblemAsync(HttpStatusCode.Forbidden);

        client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.1");
        var problem = await (await client.RegisterAsync("xff-7")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Registration:VmDeniedNetworks", problem.Detail());
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
