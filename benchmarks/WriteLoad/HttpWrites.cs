using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace WriteLoad;

/// <summary>Sends one write and turns its answer into a <see cref="WriteResult"/>, naming failures by status and message.</summary>
public static class HttpWrites
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static HttpClient CreateClient(Uri baseAddress, int clients) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = clients + 1,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static HttpContent Body(string json) => new StringContent(json, Encoding.UTF8, Json);

    public static async Task<WriteResult> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancel)
    {
        try
        {
            using var response = await client.SendAsync(request, cancel);
            if (response.IsSuccessStatusCode)
            {
                return WriteResult.Ok;
            }

            var body = await response.Content.ReadAsStringAsync(cancel);
            return WriteResult.Failed($"{(int)response.StatusCode} {Message(body)}");
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            return WriteResult.Failed("timeout");
        }
        catch (HttpRequestException e)
        {
            return WriteResult.Failed("socket: " + (e.HttpRequestError.ToString()));
        }
    }

    // The part of an error body that names the problem: PowerDNS's "error", a problem's "title", else the text.
    private static string Message(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var field in new[] { "error", "title" })
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return Shorten(value.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
        }

        return Shorten(body);
    }

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 80 ? text : text[..80];
    }
}
