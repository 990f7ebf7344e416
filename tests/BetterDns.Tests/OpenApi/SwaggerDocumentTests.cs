using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.OpenApi;

/// <summary>
/// The Swagger document against the running service: every operation explained, every error a problem
/// with an example, a 401 wherever the service really answers 401, and request examples the API accepts.
/// </summary>
public sealed class SwaggerDocumentTests(BetterDnsApplication app) : IClassFixture<BetterDnsApplication>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task EveryOperationHasASummaryAndADescription()
    {
        var operations = await OperationsAsync();

        Assert.NotEmpty(operations);
        foreach (var (method, path, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), $"{method} {path} has no description");
        }
    }

    [Fact]
    public async Task EveryOperationTheServiceAnswers401WithoutATokenDocuments401And403And429AndTheBearerScheme()
    {
        var anonymous = app.CreateClient();
        var guarded = 0;

        foreach (var (method, path, operation) in await OperationsAsync())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path.Replace("{name}", "web-1"));
            if (operation["requestBody"] is not null)
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await anonymous.SendAsync(request);
            var responses = operation["responses"]!.AsObject();
            var security = operation["security"]?.AsArray();
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                guarded++;
                foreach (var status in new[] { "401", "403", "429" })
                {
                    Assert.True(responses.ContainsKey(status), $"{method} {path} answers 401 without a token but does not document {status}");
                }

                Assert.True(security is null || security.Any(r => r!.AsObject().ContainsKey("Bearer")), $"{method} {path} drops the Bearer requirement");
            }
            else
            {
                Assert.False(responses.ContainsKey("401"), $"{method} {path} answers {(int)response.StatusCode} without a token but documents 401");
                Assert.True(security is { Count: 0 }, $"{method} {path} needs no token but shows the padlock");
            }
        }

        Assert.True(guarded >= 8, $"only {guarded} operations answered 401 without a token");
    }

    [Fact]
    public async Task EveryErrorResponseIsProblemJsonWithAMeaningAndAnExample()
    {
        foreach (var (method, path, operation) in await OperationsAsync())
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                if (int.Parse(status) < 400)
                {
                    continue;
                }

                var where = $"{method} {path} {status}";
                var content = response!["content"]!.AsObject();
                Assert.Equal(["application/problem+json"], content.Select(c => c.Key));
                var media = content["application/problem+json"]!;
                var schema = media["schema"]!["$ref"]!.GetValue<string>();
                Assert.True(schema is "#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails", $"{where} has schema {schema}");
                Assert.True(media["example"] is not null || media["examples"] is JsonObject { Count: > 0 }, $"{where} has no example");
                var description = response["description"]!.GetValue<string>();
                Assert.True(description.Length > 30, $"{where} is described only as '{description}'");
            }
        }
    }

    [Fact]
    public async Task RetryAfterIsDocumentedWherever429Or503Is()
    {
        foreach (var (method, path, operation) in await OperationsAsync())
        {
            foreach (var status in new[] { "429", "503" })
            {
                if (operation["responses"]![status] is { } response)
                {
                    Assert.True(response["headers"]?["Retry-After"] is not null, $"{method} {path} {status} does not say when to retry");
                }
            }
        }
    }

    [Fact]
    public async Task EveryRequestBodyHasAnExampleAndTheApiAcceptsEachOne()
    {
        var admin = app.CreateAdminClient();
        var tried = 0;

        // POST before PUT: the replace and maintenance examples act on the name the register examples created.
        foreach (var (method, path, operation) in (await OperationsAsync()).OrderBy(o => o.Method == "post" ? 0 : 1))
        {
            if (operation["requestBody"] is not { } body)
            {
                continue;
            }

            var examples = body["content"]!["application/json"]!["examples"]?.AsObject();
            Assert.True(examples is { Count: > 0 }, $"{method} {path} has a body but no request example");
            foreach (var (name, example) in examples!)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path.Replace("{name}", "web-1"))
                {
                    Content = new StringContent(example!["value"]!.ToJsonString(), Encoding.UTF8, "application/json"),
                };
                using var response = await admin.SendAsync(request);
                Assert.True(response.IsSuccessStatusCode,
                    $"{method} {path} example '{name}' was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                tried++;
            }
        }

        Assert.True(tried >= 9, $"only {tried} request examples were tried");
    }

    [Fact]
    public async Task TheUnauthorizedExampleIsWhatTheServiceAnswers()
    {
        var operation = (await OperationsAsync()).Single(o => o.Method == "get" && o.Path == "/a").Operation;
        var documented = operation["responses"]!["401"]!["content"]!["application/problem+json"]!["example"]!;

        var response = await app.CreateClient().GetAsync("/a");
        var answered = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(documented["detail"]!.GetValue<string>(), answered["detail"]!.GetValue<string>());
        Assert.Equal(documented["title"]!.GetValue<string>(), answered["title"]!.GetValue<string>());
    }

    private async Task<List<(string Method, string Path, JsonObject Operation)>> OperationsAsync()
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        return
        [
            .. from path in document["paths"]!.AsObject()
               from operation in path.Value!.AsObject()
               where Methods.Contains(operation.Key)
               select (operation.Key, path.Key, operation.Value!.AsObject()),
        ];
    }
}
