using System.Net.Http.Json;

namespace BetterDns.Tests.Infrastructure;

public static class Http
{
    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string name, string? ip = null, long? ttl = null) =>
        client.PostAsJsonAsync("/a", new Dictionary<string, object?> { ["name"] = name, ["ip"] = ip, ["ttl"] = ttl }
            .Where(p => p.Value is not null).ToDictionary());

    public static Task<HttpResponseMessage> ReplaceAsync(this HttpClient client, string name, object body) =>
        client.PutAsJsonAsync("/a/" + Uri.EscapeDataString(name), body);

    public static Task<HttpResponseMessage> RemoveAsync(this HttpClient client, string name, string? ip = null) =>
        client.DeleteAsync("/a/" + Uri.EscapeDataString(name) + (ip is null ? "" : "?ip=" + Uri.EscapeDataString(ip)));

    public static Task<HttpResponseMessage> GetNameAsync(this HttpClient client, string name) =>
        client.GetAsync("/a/" + Uri.EscapeDataString(name));

    public static HttpRequestMessage RawPost(string path, string body, string contentType = "application/json") => new(HttpMethod.Post, path)
    {
        Content = new StringContent(body, System.Text.Encoding.UTF8, contentType),
    };
}
