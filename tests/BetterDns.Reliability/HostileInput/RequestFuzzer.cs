using System.Net.Http.Headers;
using System.Text;

namespace BetterDns.Reliability.HostileInput;

/// <summary>
/// Builds one hostile request from a seed: any route, any method, mutated or random JSON, odd headers,
/// odd path segments and query strings, and a token that is missing, broken, forged or valid but without
/// the right to change anything the fuzzer names.
/// </summary>
public sealed class RequestFuzzer(Uri baseAddress, IReadOnlyList<string> tokens, IReadOnlyList<string> existingNames)
{
    private static readonly HttpMethod[] Methods =
        [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Head, HttpMethod.Options, new("PROPFIND")];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "text/plain",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/problem+json", "text/dns",
        "application/json; charset=nonsense", "*/*", "application/json; charset=utf-7", "application/json; charset=\"UTF-8\"",
    ];

    private static readonly string[] Accepts = ["application/json", "text/dns", "*/*", "text/html", "application/xml", "text/dns;q=0.1, */*;q=0.9", ";;;"];

    private static readonly string[] Segments =
    [
        "", "%00", "..", "%2e%2e", "%2F", "a%20b", "-", "-web", "web-", "*", "a..b", "xn--", "xn--zz", "ÄÖÜ", "%C3%28", "%FF",
        "@", "_srv", "a_b", "1", "0x10", "web.1", "web.", ".web", "WEB-1", "%E2%80%8B", "nul%00byte", "semi;colon", "q?x",
        "ns1", "@@", "%25", "~", "web-1.cluster.internal.", "cluster.internal", "a.b.c.d.e.f",
    ];

    private static readonly string[] Addresses =
    [
        "10.0.0.1", "256.0.0.1", "10.0.0", "10.0.0.1.2", "::1", "fe80::1%eth0", "0.0.0.0", "255.255.255.255", "127.0.0.1",
        "010.001.000.001", "1e1.0.0.1", " 10.0.0.1", "10.0.0.1 ", "", "0x0a.0.0.1", "10.0.0.-1", "224.0.0.1", "169.254.1.1",
        "2001:db8::1", "10.0.0.1/24", "١٠.٠.٠.١",
    ];

    private static readonly string[] AsciiAddresses = [.. Addresses.Where(a => a.All(char.IsAscii))];

    public (HttpRequestMessage Request, string Description) Build(Random random)
    {
        var route = random.Next(12);
        var name = Name(random);
        var (method, path) = route switch
        {
            0 => (HttpMethod.Get, "/a"),
            1 => (HttpMethod.Get, "/a/" + name),
            2 => (HttpMethod.Post, "/a"),
            3 => (HttpMethod.Put, "/a/" + name),
            4 => (HttpMethod.Delete, "/a/" + name),
            5 => (HttpMethod.Put, $"/a/{name}/heartbeat"),
            6 => (HttpMethod.Put, $"/a/{name}/maintenance"),
            7 => (HttpMethod.Get, "/"),
            8 => (HttpMethod.Get, random.Next(2) == 0 ? "/healthz" : "/readyz"),
            9 => (HttpMethod.Get, "/swagger/v1/swagger.json"),
            10 => (HttpMethod.Get, "/" + string.Join('/', Enumerable.Range(0, random.Next(1, 5)).Select(_ => Pick(random, Segments)))),
            _ => (HttpMethod.Post, "/a/" + name + "/" + Pick(random, Segments)),
        };
        if (random.Next(6) == 0)
        {
            method = Pick(random, Methods);
        }

        path += Query(random);
        var request = new HttpRequestMessage(method, Absolute(path));
        var token = Token(random);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        if (method != HttpMethod.Get && method != HttpMethod.Head || random.Next(8) == 0)
        {
            var body = Body(random);
            var content = new ByteArrayContent(body);
            if (random.Next(10) != 0)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", Pick(random, ContentTypes));
            }

            request.Content = content;
        }

        if (random.Next(3) == 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", Pick(random, Accepts));
        }

        if (random.Next(8) == 0)
        {
            // Header values stay ASCII: HttpClient refuses to send anything else.
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", random.Next(2) == 0 ? Pick(random, AsciiAddresses) : "garbage, , 1.2.3.4");
        }

        if (random.Next(10) == 0)
        {
            request.Headers.TryAddWithoutValidation("X-Junk-" + random.Next(100), new string('x', random.Next(1, 4000)));
        }

        return (request, $"{method} {path} token={(token is null ? "none" : token[..Math.Min(token.Length, 24)])}… body={Describe(request.Content)}");
    }

    /// <summary>The path as sent, joined to the base as text (a relative "//x" would otherwise name a host).</summary>
    private Uri Absolute(string path)
    {
        var root = baseAddress.GetLeftPart(UriPartial.Authority);
        return Uri.TryCreate(root + path, UriKind.Absolute, out var uri) ? uri : new Uri(root + "/" + Uri.EscapeDataString(path.TrimStart('/')));
    }

    private string Name(Random random)
    {
        var name = random.Next(5) switch
        {
            0 => Pick(random, existingNames),
            1 => Pick(random, Segments),
            2 => new string('a', random.Next(60, 70)),
            3 => string.Join('.', Enumerable.Range(0, random.Next(1, 140)).Select(_ => "ab")),
            _ => RandomLabel(random),
        };
        return name.StartsWith("zz9", StringComparison.Ordinal) ? "x" + name : name;
    }

    private static string RandomLabel(Random random)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-._*%20";
        return new string([.. Enumerable.Range(0, random.Next(1, 20)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }

    private static string Query(Random random) => random.Next(4) switch
    {
        0 => "",
        1 => "?ip=" + Uri.EscapeDataString(Pick(random, Addresses)),
        2 => "?wait=" + Pick(random, ["1s", "0s", "-1s", "5", "1h", "abc", "999999999d", "00:00:01", "1ms", ""]),
        _ => "?" + string.Join('&', Enumerable.Range(0, random.Next(1, 5)).Select(_ => $"{RandomLabel(random)}={RandomLabel(random)}")) + (random.Next(2) == 0 ? "&ip=&ip=10.0.0.1" : ""),
    };

    private string? Token(Random random) => random.Next(7) switch
    {
        0 => null,
        1 => "Bearer " + Pick(random, tokens),
        2 => "Bearer",
        3 => "Bearer " + Tamper(Pick(random, tokens), random),
        4 => "Basic dXNlcjpwYXNz",
        5 => "Bearer " + Forged(random),
        _ => "Bearer " + Pick(random, tokens),
    };

    private static string Tamper(string token, Random random)
    {
        var chars = token.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return random.Next(3) == 0 ? token[..random.Next(token.Length)] : new string(chars);
    }

    // Unsigned ("alg": "none") and self-signed-looking tokens claiming admin.
    private static string Forged(Random random)
    {
        static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = B64(random.Next(2) == 0 ? """{"alg":"none","typ":"JWT"}""" : """{"alg":"HS256","typ":"JWT","kid":"betterdns-hs256"}""");
        var payload = B64("""{"sub":"evil","role":"admin","iss":"betterdns","aud":"betterdns","exp":4102444800}""");
        return random.Next(2) == 0 ? $"{header}.{payload}." : $"{header}.{payload}.{B64("not a signature")}";
    }

    private static byte[] Body(Random random) => random.Next(8) switch
    {
        0 => RandomBytes(random),
        1 => Encoding.UTF8.GetBytes(Nested(random.Next(10, 3000))),
        2 => Encoding.UTF8.GetBytes(Truncate(random, Json(random))),
        _ => Encoding.UTF8.GetBytes(Json(random)),
    };

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 600)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Nested(int depth) =>
        "{\"name\":" + new string('[', depth) + new string(']', depth) + "}";

    private static string Truncate(Random random, string json) => json.Length == 0 ? json : json[..random.Next(json.Length)];

    /// <summary>A request body shaped like the API's, with each field possibly of the wrong type or out of range.</summary>
    private static string Json(Random random)
    {
        var fields = new List<string>();
        foreach (var (key, value) in new (string, Func<string>)[]
        {
            ("name", () => Value(random, Quote(RandomLabel(random)))),
            ("ip", () => Value(random, Quote(Pick(random, Addresses)))),
            ("ips", () => Value(random, "[" + string.Join(',', Enumerable.Range(0, random.Next(0, 70)).Select(_ => random.Next(10) == 0 ? "null" : Quote(Pick(random, Addresses)))) + "]")),
            ("ttl", () => Value(random, Pick(random, ["0", "-1", "60", "4294967296", "1e309", "86401", "5", "\"60\"", "60.5"]))),
            ("priority", () => Value(random, Pick(random, ["0", "-1", "65536", "2147483648", "1"]))),
            ("enabled", () => Value(random, Pick(random, ["true", "false", "\"yes\"", "1"]))),
            ("reason", () => Value(random, Quote(new string('r', random.Next(0, 400))))),
            ("check", () => Value(random, Check(random))),
            (RandomLabel(random), () => Value(random, "1")),
        })
        {
            if (random.Next(3) == 0)
            {
                fields.Add($"{Quote(key)}:{value()}");
            }
        }

        return random.Next(12) == 0 ? Pick(random, ["null", "[]", "\"name\"", "42", "", "{", "{}{}", "\uFEFF{}"]) : "{" + string.Join(',', fields) + "}";
    }

    private static string Check(Random random) =>
        "{" + string.Join(',', new[]
        {
            $"\"kind\":{Quote(Pick(random, ["none", "http", "https", "tcp", "exec", "heartbeat", "dns", ""]))}",
            $"\"port\":{Pick(random, ["0", "80", "65536", "-1", "\"80\""])}",
            $"\"path\":{Quote(Pick(random, ["/", "", "//x", "health\r\nX: y", "/%00"]))}",
            $"\"interval\":{Quote(Pick(random, ["1s", "0s", "1ms", "100d", "x", "-5s"]))}",
            $"\"timeout\":{Quote(Pick(random, ["1s", "0s", "1h", "x"]))}",
            $"\"executable\":{Quote(Pick(random, ["/bin/sh", "../../bin/sh", "x", ""]))}",
            $"\"failuresBeforeCritical\":{Pick(random, ["0", "1", "-3", "100000"])}",
            $"\"deregisterAfter\":{Quote(Pick(random, ["1s", "0s", "x"]))}",
        }.Where(_ => random.Next(2) == 0)) + "}";

    private static string Value(Random random, string good) => random.Next(6) switch
    {
        0 => Pick(random, ["null", "true", "[]", "{}", "-0", "1.5e400", "\"\\u0000\"", "\"\\ud800\"", "9999999999999999999999"]),
        _ => good,
    };

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Describe(HttpContent? content)
    {
        if (content is null)
        {
            return "none";
        }

        var text = Encoding.UTF8.GetString(content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
        return $"{content.Headers.ContentType} {text[..Math.Min(text.Length, 200)]}";
    }
}
