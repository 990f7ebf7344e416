using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace BetterDns.OpenApi;

/// <summary>
/// Every error a route can answer, documented the same way: application/problem+json with what the status
/// means here and an example body. A route that needs a token also answers 401, 403 and 429 (the rate
/// limiter partitions by token) and carries the Bearer requirement; an anonymous route carries none, so
/// Swagger UI shows no padlock on it. 429 and 503 say when to retry (Retry-After).
/// </summary>
public sealed class ProblemResponsesOperationFilter(IOptions<JsonOptions> json) : IOperationFilter
{
    public const string ProblemMediaType = "application/problem+json";

    private static readonly int[] AuthorisedStatuses = [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var needsToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        operation.Responses ??= [];
        if (needsToken)
        {
            foreach (var status in AuthorisedStatuses)
            {
                var key = status.ToString(CultureInfo.InvariantCulture);
                if (!operation.Responses.ContainsKey(key))
                {
                    operation.Responses[key] = new OpenApiResponse
                    {
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            [ProblemMediaType] = new() { Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository) },
                        },
                    };
                }
            }
        }
        else
        {
            operation.Security = [];
        }

        foreach (var (key, response) in operation.Responses)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 400 || response is not OpenApiResponse problem)
            {
                continue;
            }

            problem.Description = ProblemExamples.Describe(status);
            if (problem.Content?.TryGetValue(ProblemMediaType, out var media) == true)
            {
                if (media.Examples is not { Count: > 0 })
                {
                    var example = ProblemExamples.For(status);
                    media.Example = JsonSerializer.SerializeToNode(example, example.GetType(), json.Value.SerializerOptions);
                }
            }

            if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            {
                problem.Headers ??= new Dictionary<string, IOpenApiHeader>();
                problem.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                };
            }
        }

        // Success first, then the errors in order, whichever declaration added them.
        var sorted = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (key, response) in sorted)
        {
            operation.Responses[key] = response;
        }
    }
}
