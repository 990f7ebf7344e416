using System.Net;
using BetterDns.Dns.Embedded;
using BetterDns.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BetterDns.Tests.Dns;

/// <summary>The whole road in one host: an API registration is answered by the embedded DNS server, asked with dig.</summary>
public sealed class EmbeddedAnswersTests
{
    [Fact]
    public async Task ARegistrationIsAnsweredByTheEmbeddedServerAndLeavesItWhenDeleted()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-1", "web-*");
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-1", "10.0.0.5")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("web-1", "10.0.0.6")).StatusCode);

        var endpoint = app.Services.GetRequiredService<EmbeddedDnsServer>().Endpoints[0];
        var answer = await DigAsync(endpoint, "web-1.cluster.internal.");
        Assert.Equal(["10.0.0.5", "10.0.0.6"], answer.Order());

        Assert.Equal(HttpStatusCode.NoContent, (await vm.RemoveAsync("web-1", "10.0.0.5")).StatusCode);
        Assert.Equal(["10.0.0.6"], await DigAsync(endpoint, "web-1.cluster.internal."));

        Assert.Equal(HttpStatusCode.NoContent, (await vm.RemoveAsync("web-1")).StatusCode);
        Assert.Empty(await DigAsync(endpoint, "web-1.cluster.internal."));
    }

    private static Task<string[]> DigAsync(IPEndPoint server, string name) => Dig.ShortAsync(server, name);
}
