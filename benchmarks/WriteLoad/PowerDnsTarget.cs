using System.Net;

namespace WriteLoad;

/// <summary>
/// PowerDNS Authoritative: PATCH /api/v1/servers/localhost/zones/{zone} with one rrset, changetype REPLACE
/// (create and update alike) or DELETE, authenticated with X-API-Key.
/// </summary>
public sealed class PowerDnsTarget(HttpClient client, string apiKey, string zone) : IWriteTarget
{
    private readonly string _path = "/api/v1/servers/localhost/zones/" + zone;

    public Task<WriteResult> CreateAsync(string name, IPAddress address, CancellationToken cancel) => ReplaceAsync(name, address, cancel);

    public Task<WriteResult> UpdateAsync(string name, IPAddress address, CancellationToken cancel) => ReplaceAsync(name, address, cancel);

    public Task<WriteResult> DeleteAsync(string name, CancellationToken cancel) =>
        PatchAsync($$"""{"rrsets":[{"name":"{{name}}.{{zone}}","type":"A","changetype":"DELETE"}]}""", cancel);

    private Task<WriteResult> ReplaceAsync(string name, IPAddress address, CancellationToken cancel) =>
        PatchAsync($$"""{"rrsets":[{"name":"{{name}}.{{zone}}","type":"A","ttl":60,"changetype":"REPLACE","records":[{"content":"{{address}}","disabled":false}]}]}""", cancel);

    private Task<WriteResult> PatchAsync(string json, CancellationToken cancel)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, _path) { Content = HttpWrites.Body(json) };
        request.Headers.Add("X-API-Key", apiKey);
        return HttpWrites.SendAsync(client, request, cancel);
    }
}
