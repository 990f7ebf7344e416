using System.Net;
using BetterDns.Records;
using BetterDns.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BetterDns.Tests.Auth;

/// <summary>
/// A VM token registers only its own address (where its request comes from) or what its token lists, and
/// never loopback, link-local, multicast, 0/8, broadcast or the BetterDns host's own addresses: the way a
/// hostile VM would try it, through the real API. Admins are not bound.
/// </summary>
public sealed class AddressEntitlementTests
{
    [Fact]
    public async Task ATokenThatListsNoAddressesRegistersItsCallersAddressOnly()
    {
        await using var app = new BetterDnsApplication { RemoteAddress = IPAddress.Parse("10.20.0.7") };
        var vm = app.CreateClient(app.CreateToken("vm-own", false, ["own-*"], ips: []));

        Assert.Equal("10.20.0.7", (await (await vm.RegisterAsync("own-1")).ReadJsonAsync()).Str("ip"));
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("own-2", "10.20.0.7")).StatusCode);
        var message = await ForbiddenFieldAsync(await vm.RegisterAsync("own-3", "10.20.0.8"), "ip");
        Assert.Contains("10.20.0.7", message);
        Assert.Contains("--ips", message);
        await ForbiddenFieldAsync(await vm.ReplaceAsync("own-1", new { ips = new[] { "10.20.0.7", "10.20.0.9" } }), "ips");
    }

    [Fact]
    public async Task ListedAddressesAndRangesAreRegistrableAndNothingBeyondThem()
    {
        await using var app = new BetterDnsApplication { RemoteAddress = IPAddress.Parse("10.1.2.3") };
        var vm = app.CreateClient(app.CreateToken("vm-listed", false, ["listed-*"], ips: ["10.30.0.5", "10.31.0.0/24"]));

        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("listed-1", "10.30.0.5")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await vm.ReplaceAsync("listed-2", new { ips = new[] { "10.31.0.1", "10.31.0.254" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("listed-3")).StatusCode);
        await ForbiddenFieldAsync(await vm.RegisterAsync("listed-4", "10.30.0.6"), "ip");
        await ForbiddenFieldAsync(await vm.ReplaceAsync("listed-2", new { ips = new[] { "10.31.0.1", "10.31.1.1" } }), "ips");
        Assert.Equal(["10.31.0.1", "10.31.0.254"], (await (await vm.GetNameAsync("listed-2")).ReadJsonAsync()).Ips());
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.0/8")]
    [InlineData("127.8.8.8", "127.0.0.0/8")]
    [InlineData("169.254.169.254", "169.254.0.0/16")]
    [InlineData("224.0.0.251", "224.0.0.0/4")]
    [InlineData("0.0.0.0", "0.0.0.0/8")]
    [InlineData("255.255.255.255", "255.255.255.255/32")]
    public async Task DeniedNetworksAreRefusedEvenWhenTheTokenListsThem(string address, string network)
    {
        // Everything inside the outer bound, so only the VM denial list can refuse.
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?> { ["Registration:AllowedNetworks:0"] = "0.0.0.0/0" })
        {
            RemoteAddress = IPAddress.Parse(address),
        };
        var vm = app.CreateClient(app.CreateToken("vm-greedy", false, ["greedy-*"], ips: ["0.0.0.0/0"]));

        var message = await ForbiddenFieldAsync(await vm.RegisterAsync("greedy-1", address), "ip");
        Assert.Contains(network, message);
        Assert.Contains("Registration:VmDeniedNetworks", message);
        await ForbiddenFieldAsync(await vm.RegisterAsync("greedy-2"), "ip");
        await ForbiddenFieldAsync(await vm.ReplaceAsync("greedy-3", new { ips = new[] { "10.0.0.1", address } }), "ips");
        Assert.Equal(HttpStatusCode.Created, (await app.CreateAdminClient().RegisterAsync("admin-1", address)).StatusCode);
    }

    [Fact]
    public async Task AVmOnTheServiceHostCannotRegisterLoopbackByLeavingOutIp()
    {
        await using var app = new BetterDnsApplication { RemoteAddress = IPAddress.Loopback };
        var vm = app.CreateClient(app.CreateToken("vm-local", false, ["local-*"], ips: []));

        var message = await ForbiddenFieldAsync(await vm.RegisterAsync("local-1"), "ip");

        Assert.Contains("127.0.0.1 lies in 127.0.0.0/8", message);
    }

    [Fact]
    public async Task TheHostsOwnInterfaceAddressesAreRefusedByTheHostEntry()
    {
        // Only "host" denied: 127.0.0.1 (the lo interface's address) is refused as the host's own, while
        // 127.0.0.2, in lo's range but no interface's address, is not.
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?>
        {
            ["Registration:VmDeniedNetworks:0"] = "host",
        });
        var vm = app.CreateClient(app.CreateToken("vm-host", false, ["host-*"], ips: ["127.0.0.0/8"]));

        var message = await ForbiddenFieldAsync(await vm.RegisterAsync("host-1", "127.0.0.1"), "ip");

        Assert.Contains("address of the BetterDns host itself", message);
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("host-2", "127.0.0.2")).StatusCode);
    }

    [Fact]
    public async Task ALabRelaxesTheDenialListWithNone()
    {
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?> { ["Registration:VmDeniedNetworks:0"] = "none" })
        {
            RemoteAddress = IPAddress.Loopback,
        };
        var vm = app.CreateClient(app.CreateToken("vm-lab", false, ["lab-*"], ips: []));

        Assert.Equal("127.0.0.1", (await (await vm.RegisterAsync("lab-1")).ReadJsonAsync()).Str("ip"));
        await ForbiddenFieldAsync(await vm.RegisterAsync("lab-2", "127.0.0.2"), "ip");
    }

    [Theory]
    [InlineData("10.0.0.0/33", null, "'10.0.0.0/33' is neither an address")]
    [InlineData("loopback", null, "'loopback' is neither an address")]
    [InlineData("none", "host", "'none' stands alone")]
    public async Task ABadDenialListStopsStartUpWithItsName(string first, string? second, string rule)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?> { ["Registration:VmDeniedNetworks:0"] = first };
        if (second is not null)
        {
            settings["Registration:VmDeniedNetworks:1"] = second;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRecords();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Registration:VmDeniedNetworks", error.Message);
        Assert.Contains(rule, error.Message);
    }

    private static async Task<string> ForbiddenFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        var found = problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);
        Assert.True(found, $"no error for '{field}' in {problem}");
        return errors.GetProperty(field).EnumerateArray().Single().GetString()!;
    }
}
