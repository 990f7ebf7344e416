using System.Net;
using System.Net.Http.Headers;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Manifest;

public sealed class ManifestEndpointTests(BetterDnsApplication app) : IClassFixture<BetterDnsApplication>
{
    [Fact]
    public async Task TheJsonManifestListsRegistrationsAndEveryZoneRecord()
    {
        var admin = app.CreateAdminClient();
        await admin.RegisterAsync("manifest-1", "10.6.0.1");

        var manifest = await (await admin.GetAsync("/")).ReadJsonAsync();

        Assert.Equal("cluster.internal.", manifest.Str("origin"));
        Assert.True(manifest.GetProperty("serial").GetUInt32() > 0);
        var names = manifest.GetProperty("names").EnumerateArray().Select(n => n.Str("name")).ToArray();
        Assert.Contains("manifest-1", names);
        var records = manifest.GetProperty("records").EnumerateArray().Select(r => r.GetString()!).ToArray();
        Assert.Contains(records, r => r.Contains(" SOA "));
        Assert.Contains("manifest-1.cluster.internal. 5 IN A 10.6.0.1", records);
    }

    [Fact]
    public async Task AskingForTextDnsReturnsTheZoneFileByteForByte()
    {
        var admin = app.CreateAdminClient();
        await admin.RegisterAsync("manifest-2", "10.6.0.2");
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/dns"));

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/dns", response.Content.Headers.ContentType?.MediaType);
        var served = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(await File.ReadAllBytesAsync(app.ZoneFilePath), served);
        Assert.Contains("manifest-2", System.Text.Encoding.UTF8.GetString(served));
    }
}
