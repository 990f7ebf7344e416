using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Records;

/// <summary>
/// A corpus of malicious and malformed requests: each gets a 4xx problem answer, and the zone file on
/// disk is byte-for-byte what it was before the corpus ran.
/// </summary>
public sealed class HostileInputTests(BetterDnsApplication app) : IClassFixture<BetterDnsApplication>
{
    private static readonly string[] HostileNames =
    [
        "web\n1", "web\r\n$INCLUDE /etc/passwd", "web;1", "web ; comment", "web(1", "web)1", "$ORIGIN", "$TTL",
        "web\\1", "web\\0461", "web\"1", "web'1", "web 1", "web\t1", "web\u00001", "web/1", "web_1", "web@1", "@",
        "*", "*.web", "-web", "web-", "web..1", ".web", ".", "", new string('a', 64), string.Join('.', Enumerable.Repeat(new string('b', 60), 5)),
        "ünïcödé", "ｗｅｂ", "web\u200b1", "web\u202e1", "web😀", "xn--web-\u00e9", "web-1.example.com.", "cluster.internal.",
        "web-1.cluster.internal..", "web-1.other.internal.",
    ];

    private static readonly string[] HostileAddresses =
    [
        "010.1.1.1", "10.0.0.01", "1.2.3", "1.2.3.4.5", "256.1.1.1", "::1", "fe80::1", "::ffff:10.0.0.1", "10.0.0.1\n",
        "10.0.0.1;", "10.0.0.1 ", " 10.0.0.1", "0x0a.0.0.1", "10.0.0.-1", "8.8.8.8", "10.0.0.1/8", "١٠.0.0.1", "10.0.0.1\n@ IN NS evil.",
        "", "localhost", "4294967295", "10.0.0.1)",
    ];

    private static readonly string[] HostileBodies =
    [
        "{", "{\"name\":", "null", "[]", "\"web-1\"", "{\"name\": 42}", "{\"name\": [\"web-1\"]}", "{\"name\": {\"a\": 1}}",
        "{\"name\": \"web-1\", \"ttl\": \"60\"}", "{\"name\": \"web-1\", \"ttl\": -1}", "{\"name\": \"web-1\", \"ttl\": 0}",
        "{\"name\": \"web-1\", \"ttl\": 4}", "{\"name\": \"web-1\", \"ttl\": 86401}", "{\"name\": \"web-1\", \"ttl\": 2147483648}",
        "{\"name\": \"web-1\", \"ttl\": 99999999999999999999999}", "{\"name\": \"web-1\", \"ttl\": 60.5}", "{\"name\": \"web-1\", \"ttl\": 1e10}",
        "{\"name\": \"web-1\", \"ip\": 167772161}", "{\"name\": \"web-1\", \"owner\": \"admin\"}", "{\"name\": \"web-1\", \"role\": \"admin\"}",
        "<a><name>web-1</name></a>", "{\"name\": \"web-1\"} trailing", new string('[', 5000) + new string(']', 5000),
        "{\"name\": \"" + new string('a', 1024 * 1024) + "\"}", "\uFEFF\uFEFF{}",
    ];

    [Fact]
    public async Task EveryHostileRequestGetsA4xxProblemAndTheZoneFileIsUnchanged()
    {
        var admin = app.CreateAdminClient();
        Assert.Equal(System.Net.HttpStatusCode.Created, (await admin.RegisterAsync("hostile-baseline", "10.8.0.1")).StatusCode);
        var before = await app.ReadZoneFileAsync();
        var requests = Corpus().ToList();
        Assert.True(requests.Count >= 50, $"the corpus has only {requests.Count} requests");

        var failures = new List<string>();
        foreach (var (description, build) in requests)
        {
            var response = await admin.SendAsync(build());
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status is < 400 or > 499 || mediaType != "application/problem+json")
            {
                failures.Add($"{description}: {status} {mediaType}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await app.ReadZoneFileAsync());
    }

    private static IEnumerable<(string Description, Func<HttpRequestMessage> Build)> Corpus()
    {
        foreach (var name in HostileNames)
        {
            yield return ($"POST name {JsonSerializer.Serialize(name)}", () => Json(HttpMethod.Post, "/a", new { name, ip = "10.8.0.2" }));
        }

        // A NUL in a URL path is refused by the HTTP server before routing; TestServer throws instead, so it stays in bodies only.
        foreach (var name in HostileNames.Where(n => n.Length > 0 && n != "." && !n.Contains('\0')))
        {
            var path = "/a/" + Uri.EscapeDataString(name);
            yield return ($"PUT route {JsonSerializer.Serialize(name)}", () => Json(HttpMethod.Put, path, new { ip = "10.8.0.2" }));
            yield return ($"DELETE route {JsonSerializer.Serialize(name)}", () => new HttpRequestMessage(HttpMethod.Delete, path));
        }

        foreach (var ip in HostileAddresses)
        {
            yield return ($"POST ip {JsonSerializer.Serialize(ip)}", () => Json(HttpMethod.Post, "/a", new { name = "hostile-ip", ip }));
            yield return ($"PUT ips [{JsonSerializer.Serialize(ip)}]", () => Json(HttpMethod.Put, "/a/hostile-baseline", new { ips = new[] { ip } }));
            yield return ($"DELETE ?ip={JsonSerializer.Serialize(ip)}", () => new HttpRequestMessage(HttpMethod.Delete, "/a/hostile-baseline?ip=" + Uri.EscapeDataString(ip)));
        }

        foreach (var body in HostileBodies)
        {
            var shown = body.Length > 60 ? body[..60] + "…" : body;
            yield return ($"POST body {JsonSerializer.Serialize(shown)}", () => Raw(HttpMethod.Post, "/a", body, "application/json"));
            yield return ($"PUT body {JsonSerializer.Serialize(shown)}", () => Raw(HttpMethod.Put, "/a/hostile-baseline", body.Replace("\"name\"", "\"ip\""), "application/json"));
        }

        yield return ("POST text/plain", () => Raw(HttpMethod.Post, "/a", "{\"name\": \"web-1\"}", "text/plain"));
        yield return ("POST text/dns", () => Raw(HttpMethod.Post, "/a", "web-1 60 IN A 10.0.0.1", "text/dns"));
        yield return ("POST form", () => Raw(HttpMethod.Post, "/a", "name=web-1&ip=10.0.0.1", "application/x-www-form-urlencoded"));
        yield return ("POST empty", () => Raw(HttpMethod.Post, "/a", "", "application/json"));
        yield return ("PUT ips empty", () => Json(HttpMethod.Put, "/a/hostile-baseline", new { ips = Array.Empty<string>() }));
        yield return ("PUT 65 ips", () => Json(HttpMethod.Put, "/a/hostile-baseline", new { ips = Enumerable.Range(1, 65).Select(i => $"10.8.1.{i}").ToArray() }));
        // Found by the reliability suite's fuzzer (both answered 500 before): an unknown charset, a wait no TimeSpan holds.
        yield return ("POST unknown charset", () => Raw(HttpMethod.Post, "/a", "{\"name\": \"web-1\", \"ip\": \"10.8.0.4\"}", "application/json; charset=nonsense"));
        yield return ("GET ?wait=999999999d", () => new HttpRequestMessage(HttpMethod.Get, "/a/hostile-baseline?wait=999999999d"));
        yield return ("PUT duplicate ips", () => Json(HttpMethod.Put, "/a/hostile-baseline", new { ips = new[] { "10.8.0.3", "10.8.0.3" } }));
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, object body) =>
        Raw(method, path, JsonSerializer.Serialize(body), "application/json");

    private static HttpRequestMessage Raw(HttpMethod method, string path, string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(method, path) { Content = content };
    }
}
