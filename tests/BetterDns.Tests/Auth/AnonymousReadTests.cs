using System.Net;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Auth;

/// <summary>Auth:AllowAnonymousReads opens GET /a and GET /a/{name}, and nothing else.</summary>
public sealed class AnonymousReadTests
{
    [Fact]
    public async Task ReadsNeedATokenByDefault()
    {
        await using var app = new BetterDnsApplication();

        await (await app.CreateClient(token: null).GetAsync("/a")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnonymousReadsOpenTheRecordReadsOnly()
    {
        await using var app = new BetterDnsApplication(null, new Dictionary<string, string?> { ["Auth:AllowAnonymousReads"] = "true" });
        await app.CreateAdminClient().RegisterAsync("anon-1", "10.4.0.1");
        var anonymous = app.CreateClient(token: null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/a")).StatusCode);
        Assert.Equal(["10.4.0.1"], (await (await anonymous.GetNameAsync("anon-1")).ReadJsonAsync()).Ips());
        await (await anonymous.RegisterAsync("anon-2", "10.4.0.2")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.RemoveAsync("anon-1")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
