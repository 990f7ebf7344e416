using System.Text.Json;

namespace BetterDns.Tests.Infrastructure;

/// <summary>Response bodies as the client sees them (property names are the API's contract).</summary>
public static class RecordJson
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"expected success, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static string[] Ips(this JsonElement recordSet) =>
        [.. recordSet.GetProperty("records").EnumerateArray().Select(r => r.Str("ip")).Order()];
}
