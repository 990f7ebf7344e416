using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Observability;

/// <summary>
/// The real <c>betterdns</c> with <c>Logging:Console:FormatterName=json</c> (as an operator sets it, through
/// the environment) writes one JSON object per line, and what a request logs carries its request id.
/// </summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task WithTheJsonFormatterEveryLineIsJsonAndRequestLogsCarryTheRequestId()
    {
        var directory = TempDirectory.Create();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "betterdns.dll") },
            Environment =
            {
                ["BETTERDNS__Urls"] = "http://127.0.0.1:0",
                ["BETTERDNS__Dns__Listen"] = "127.0.0.1:0",
                ["BETTERDNS__Storage__DataDirectory"] = Path.Combine(directory, "data"),
                ["BETTERDNS__Logging__Console__FormatterName"] = "json",
                // The routing middleware logs "Executing endpoint" inside the request's scope.
                ["BETTERDNS__Logging__LogLevel__Microsoft.AspNetCore.Routing"] = "Information",
                ["BETTERDNS__Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            },
        };
        using var process = Process.Start(start)!;
        var lines = Channel.CreateUnbounded<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Writer.TryWrite(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var seen = new List<JsonElement>();
            var url = await ReadUntilAsync(lines, seen, line => line.GetProperty("Message").GetString() is { } m && m.StartsWith("Now listening on: ", StringComparison.Ordinal), timeout.Token);
            using var http = new HttpClient { BaseAddress = new Uri(url.GetProperty("State").GetProperty("address").GetString()!) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
            request.Headers.Add("X-Request-Id", "json-log-test-1");
            (await http.SendAsync(request)).EnsureSuccessStatusCode();

            var executing = await ReadUntilAsync(lines, seen, line => ScopeValues(line, "RequestId").Contains("json-log-test-1"), timeout.Token);

            Assert.Equal("Microsoft.AspNetCore.Routing.EndpointMiddleware", executing.GetProperty("Category").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", executing.GetProperty("Timestamp").GetString());
            Assert.Contains(seen, line => line.GetProperty("Category").GetString() == "BetterDns.Registry.DurableRegistry");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            TempDirectory.Delete(directory);
        }
    }

    private static async Task<JsonElement> ReadUntilAsync(Channel<string> lines, List<JsonElement> seen, Func<JsonElement, bool> wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            var text = await lines.Reader.ReadAsync(cancellationToken);
            JsonElement line;
            try
            {
                using var document = JsonDocument.Parse(text);
                line = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new Xunit.Sdk.XunitException($"not a JSON log line ({e.Message}): {text}");
            }

            seen.Add(line);
            if (wanted(line))
            {
                return line;
            }
        }
    }

    private static List<string?> ScopeValues(JsonElement line, string key) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? [.. scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(key, out _)).Select(s => s.GetProperty(key).ToString())]
            : [];
}
