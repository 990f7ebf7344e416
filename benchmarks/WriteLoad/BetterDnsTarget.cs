using System.Net;
using System.Net.Http.Headers;

namespace WriteLoad;

/// <summary>BetterDns: POST /a, PUT /a/{name}, DELETE /a/{name} with a bearer token.</summary>
public sealed class BetterDnsTarget(HttpClient client, string token) : IWriteTarget
{
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", token);

    public Task<WriteResult> CreateAsync(string name, IPAddress address, CancellationToken cancel) =>
        SendAsync(HttpMethod.Post, "/a", $$"""{"name":"{{name}}","ip":"{{address}}","ttl":60}""", cancel);

    public Task<WriteResult> UpdateAsync(string name, IPAddress address, CancellationToken cancel) =>
        SendAsync(HttpMethod.Put, "/a/" + name, $$"""{"ip":"{{address}}","ttl":60}""", cancel);

    public Task<WriteResult> DeleteAsync(string name, CancellationToken cancel) =>
        SendAsync(HttpMethod.Delete, "/a/" + name, null, cancel);

    private Task<WriteResult> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancel)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = _authorization;
        if (json is not null)
        {
            request.Content = HttpWrites.Body(json);
        }

        return HttpWrites.SendAsync(client, request, cancel);
    }
}
