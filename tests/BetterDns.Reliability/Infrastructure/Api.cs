using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace BetterDns.Reliability.Infrastructure;

/// <summary>The A-record routes as a client sends them, each with its own bearer token.</summary>
public static class Api
{
    public static HttpRequestMessage Register(string token, string name, string ip) =>
        Json(HttpMethod.Post, "/a", token, new { name, ip });

    public static HttpRequestMessage Replace(string token, string name, IEnumerable<string> ips) =>
        Json(HttpMethod.Put, "/a/" + name, token, new { ips = ips.ToArray() });

    public static HttpRequestMessage Remove(string token, string name, string? ip = null) =>
        Authorised(HttpMethod.Delete, ip is null ? "/a/" + name : $"/a/{name}?ip={ip}", token);

    public static HttpRequestMessage Authorised(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>GET /a: every name's addresses, sorted, by relative name.</summary>
    public static async Task<Dictionary<string, string[]>> ListAsync(HttpClient http, string token)
    {
        using var response = await http.SendAsync(Authorised(HttpMethod.Get, "/a", token));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.EnumerateArray().ToDictionary(
            set => set.GetProperty("name").GetString()!,
            set => set.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("ip").GetString()!).Order(StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>Whether a response is RFC 9457 problem details: the media type and a JSON object with a status.</summary>
    public static async Task<bool> IsProblemAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status)
                && status.GetInt32() == (int)response.StatusCode;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static HttpRequestMessage Json(HttpMethod method, string path, string token, object body)
    {
        var request = Authorised(method, path, token);
        request.Content = JsonContent.Create(body);
        return request;
    }
}
