using System.Net;
using System.Net.Http.Json;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Records;

/// <summary>Every record route, its success answers and its problem answers, through the real host.</summary>
public sealed class RecordsEndpointTests(BetterDnsApplication app) : IClassFixture<BetterDnsApplication>
{
    [Fact]
    public async Task RegisteringANewNameAnswers201WithLocationAndTheRecord()
    {
        var client = app.CreateVmClient("vm-create", "create-*");

        var response = await client.RegisterAsync("create-1", "10.0.0.5", 120);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/a/create-1", response.Headers.Location?.OriginalString);
        var record = await response.ReadJsonAsync();
        Assert.Equal("create-1", record.Str("name"));
        Assert.Equal("create-1.cluster.internal.", record.Str("fqdn"));
        Assert.Equal("10.0.0.5", record.Str("ip"));
        Assert.Equal(120u, record.GetProperty("ttl").GetUInt32());
        Assert.Equal("vm-create", record.Str("owner"));
        Assert.Equal("PENDING", record.Str("status"));
        Assert.True(record.GetProperty("createdAt").GetDateTimeOffset() <= record.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task RegisteringTheSameNameAndAddressAgainAnswers200AndKeepsCreatedAt()
    {
        var client = app.CreateVmClient("vm-again", "again-*");
        var first = await (await client.RegisterAsync("again-1", "10.0.0.6")).ReadJsonAsync();

        var response = await client.RegisterAsync("again-1", "10.0.0.6", 300);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var second = await response.ReadJsonAsync();
        Assert.Equal(first.GetProperty("createdAt").GetDateTimeOffset(), second.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(300u, second.GetProperty("ttl").GetUInt32());
        var set = await (await client.GetNameAsync("again-1")).ReadJsonAsync();
        Assert.Equal(["10.0.0.6"], set.Ips());
    }

    [Fact]
    public async Task AnotherAddressUnderTheSameNameJoinsThePool()
    {
        var client = app.CreateVmClient("vm-pool", "pool-*");
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync("pool-web", "10.0.1.1")).StatusCode);

        var response = await client.RegisterAsync("pool-web", "10.0.1.2");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var set = await (await client.GetNameAsync("pool-web")).ReadJsonAsync();
        Assert.Equal(["10.0.1.1", "10.0.1.2"], set.Ips());
        Assert.Equal("pool-web.cluster.internal.", set.Str("fqdn"));
    }

    [Fact]
    public async Task LeavingOutIpRegistersTheCallersAddress()
    {
        var client = app.CreateVmClient("vm-caller", "caller-*");

        var record = await (await client.RegisterAsync("caller-1")).ReadJsonAsync();

        Assert.Equal(app.RemoteAddress.ToString(), record.Str("ip"));
    }

    [Fact]
    public async Task LeavingOutTtlUsesTheZoneDefault()
    {
        var client = app.CreateVmClient("vm-ttl", "ttl-*");

        var record = await (await client.RegisterAsync("ttl-1", "10.0.2.1")).ReadJsonAsync();

        Assert.Equal(5u, record.GetProperty("ttl").GetUInt32());
    }

    [Fact]
    public async Task ACheckedRegistrationIsServedNoLongerThanItsCheckTakesToNoticeADeath()
    {
        var client = app.CreateAdminClient("ops-checked");
        object Check(string interval, int failures) => new { kind = "tcp", port = 9, interval, failuresBeforeCritical = failures };

        // interval × failuresBeforeCritical caps the requested TTL: 2 s × 3 = 6 s.
        var capped = await (await client.PostAsJsonAsync("/a", new { name = "checked-1", ip = "10.0.2.11", ttl = 300, check = Check("2s", 3) })).ReadJsonAsync();
        // Below a second it is still 1 s: TTL 0 would keep resolvers from caching at all.
        var fast = await (await client.PostAsJsonAsync("/a", new { name = "checked-2", ip = "10.0.2.12", check = Check("200ms", 2) })).ReadJsonAsync();
        // A slow check does not raise the TTL: left out, it is Zone:DefaultTtl.
        var slow = await (await client.PostAsJsonAsync("/a", new { name = "checked-3", ip = "10.0.2.13", check = Check("1m", 3) })).ReadJsonAsync();
        var replaced = await (await client.ReplaceAsync("checked-4", new { ip = "10.0.2.14", ttl = 60, check = Check("10s", 2) })).ReadJsonAsync();

        Assert.Equal(6u, capped.GetProperty("ttl").GetUInt32());
        Assert.Equal(1u, fast.GetProperty("ttl").GetUInt32());
        Assert.Equal(5u, slow.GetProperty("ttl").GetUInt32());
        Assert.Equal(20u, replaced.GetProperty("records")[0].GetProperty("ttl").GetUInt32());
    }

    [Fact]
    public async Task AnAbsoluteNameInsideTheZoneIsStoredRelative()
    {
        var client = app.CreateVmClient("vm-fqdn", "fqdn-*");

        var response = await client.RegisterAsync("fqdn-1.cluster.internal.", "10.0.3.1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("fqdn-1", (await response.ReadJsonAsync()).Str("name"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetNameAsync("fqdn-1.cluster.internal.")).StatusCode);
    }

    [Fact]
    public async Task ListingReturnsEveryNameWithItsRecords()
    {
        var client = app.CreateVmClient("vm-list", "list-*");
        await client.RegisterAsync("list-a", "10.0.4.1");
        await client.RegisterAsync("list-b", "10.0.4.2");

        var all = await (await client.GetAsync("/a")).ReadJsonAsync();

        var names = all.EnumerateArray().Select(set => set.Str("name")).ToArray();
        Assert.Contains("list-a", names);
        Assert.Contains("list-b", names);
        var listB = all.EnumerateArray().Single(set => set.Str("name") == "list-b");
        Assert.Equal(["10.0.4.2"], listB.Ips());
    }

    [Fact]
    public async Task GettingAnUnknownNameAnswers404Problem()
    {
        var response = await app.CreateVmClient("vm-missing", "missing-*").GetNameAsync("missing-1");

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("missing-1", problem.Detail());
    }

    [Fact]
    public async Task AnInvalidRouteNameAnswers400NamingTheField()
    {
        var response = await app.CreateVmClient("vm-route", "route-*").GetAsync("/a/route_1");

        var messages = await response.AssertValidationProblemAsync("name");
        Assert.Contains(messages, m => m.Contains("RFC 1123"));
    }

    [Fact]
    public async Task PutReplacesTheCallersAddresses()
    {
        var client = app.CreateVmClient("vm-put", "put-*");
        await client.RegisterAsync("put-1", "10.0.5.1");

        var response = await client.ReplaceAsync("put-1", new { ip = "10.0.5.2", ttl = 90 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var set = await response.ReadJsonAsync();
        Assert.Equal(["10.0.5.2"], set.Ips());
        Assert.Equal(["10.0.5.2"], (await (await client.GetNameAsync("put-1")).ReadJsonAsync()).Ips());
    }

    [Fact]
    public async Task PutWithAListMakesThePoolExactlyThoseAddresses()
    {
        var admin = app.CreateAdminClient();
        await admin.RegisterAsync("put-pool", "10.0.6.1");

        var response = await admin.ReplaceAsync("put-pool", new { ips = new[] { "10.0.6.2", "10.0.6.3" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["10.0.6.2", "10.0.6.3"], (await response.ReadJsonAsync()).Ips());
    }

    [Fact]
    public async Task PutOnANameWithNothingRegisteredCreatesIt()
    {
        var client = app.CreateVmClient("vm-put-new", "putnew-*");

        var response = await client.ReplaceAsync("putnew-1", new { ip = "10.0.5.9" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/a/putnew-1", response.Headers.Location?.OriginalString);
        Assert.Equal(["10.0.5.9"], (await response.ReadJsonAsync()).Ips());
    }

    [Fact]
    public async Task PutWithBothIpAndIpsIsRejected()
    {
        var response = await app.CreateAdminClient().ReplaceAsync("put-both", new { ip = "10.0.6.1", ips = new[] { "10.0.6.2" } });

        var messages = await response.AssertValidationProblemAsync("ips");
        Assert.Contains(messages, m => m.Contains("not both"));
    }

    [Fact]
    public async Task PutWithAnInvalidAddressInTheListNamesItsIndex()
    {
        var response = await app.CreateAdminClient().ReplaceAsync("put-bad", new { ips = new[] { "10.0.6.2", "010.0.6.3" } });

        await response.AssertValidationProblemAsync("ips[1]");
    }

    [Fact]
    public async Task DeleteRemovesTheCallersRecords()
    {
        var client = app.CreateVmClient("vm-del", "del-*");
        await client.RegisterAsync("del-1", "10.0.7.1");
        await client.RegisterAsync("del-1", "10.0.7.2");

        var response = await client.RemoveAsync("del-1");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await client.GetNameAsync("del-1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteWithIpRemovesOnlyThatAddress()
    {
        var client = app.CreateVmClient("vm-del-ip", "delip-*");
        await client.RegisterAsync("delip-1", "10.0.8.1");
        await client.RegisterAsync("delip-1", "10.0.8.2");

        var response = await client.RemoveAsync("delip-1", "10.0.8.1");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["10.0.8.2"], (await (await client.GetNameAsync("delip-1")).ReadJsonAsync()).Ips());
    }

    [Fact]
    public async Task DeletingANameWithNothingRegisteredAnswers404Problem()
    {
        var response = await app.CreateVmClient("vm-del-none", "none-*").RemoveAsync("none-1");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteWithAMalformedIpAnswers400NamingTheField()
    {
        var response = await app.CreateVmClient("vm-del-bad", "delbad-*").RemoveAsync("delbad-1", "10.0.0");

        await response.AssertValidationProblemAsync("ip");
    }

    [Fact]
    public async Task AnAddressOutsideTheAllowedNetworksIsRejected()
    {
        var response = await app.CreateAdminClient().RegisterAsync("public-1", "8.8.8.8");

        var messages = await response.AssertValidationProblemAsync("ip");
        Assert.Contains(messages, m => m.Contains("Registration:AllowedNetworks"));
    }

    [Fact]
    public async Task ATtlOutsideTheConfiguredRangeIsRejected()
    {
        var response = await app.CreateAdminClient().RegisterAsync("ttl-big", "10.0.9.1", 86401);

        var messages = await response.AssertValidationProblemAsync("ttl");
        Assert.Contains(messages, m => m.Contains("between 5 and 86400"));
    }

    [Fact]
    public async Task SeveralBrokenFieldsAreReportedTogether()
    {
        var response = await app.CreateAdminClient().RegisterAsync("-bad", "1.2.3", 1);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("ip", out _));
        Assert.True(errors.TryGetProperty("ttl", out _));
    }

    [Fact]
    public async Task MalformedJsonAnswers400Problem()
    {
        var response = await app.CreateAdminClient().SendAsync(Http.RawPost("/a", "{\"name\": \"web-1\","));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.Detail());
    }

    [Fact]
    public async Task AnUnknownFieldAnswers400Problem()
    {
        var response = await app.CreateAdminClient().SendAsync(Http.RawPost("/a", "{\"name\": \"web-1\", \"owner\": \"someone-else\"}"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AWrongContentTypeAnswers415Problem()
    {
        var response = await app.CreateAdminClient().SendAsync(Http.RawPost("/a", "name=web-1", "application/x-www-form-urlencoded"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("JSON", problem.Detail(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnOversizedBodyAnswers413Problem()
    {
        var body = "{\"name\": \"" + new string('a', 20_000) + "\"}";

        var response = await app.CreateAdminClient().SendAsync(Http.RawPost("/a", body));

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Registration:MaxBodyBytes", problem.Detail());
    }

    [Fact]
    public async Task AnOversizedChunkedBodyAnswers413Problem()
    {
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"name\": \"" + new string('a', 20_000) + "\"}")));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/a") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await app.CreateAdminClient().SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AMissingBodyAnswers400Problem()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/a") { Content = new StringContent("", null, "application/json") };

        var response = await app.CreateAdminClient().SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task APutBodyThatIsJsonNullAnswers400Problem()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/a/web-1") { Content = JsonContent.Create<object?>(null) };

        var response = await app.CreateAdminClient().SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
