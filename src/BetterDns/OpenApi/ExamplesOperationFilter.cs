using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace BetterDns.OpenApi;

/// <summary>
/// Writes each route's <see cref="ApiExample"/>s into the document, serialised as the API serialises
/// (camelCase; a request example leaves out what a client would leave out), and gives the path and
/// query parameters values that "Try it out" can send as they are.
/// </summary>
public sealed class ExamplesOperationFilter(IOptions<JsonOptions> json) : IOperationFilter
{
    private static readonly Dictionary<string, string> ParameterExamples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "web-1",
        ["ip"] = "10.0.0.5",
        ["wait"] = "5s",
    };

    private readonly JsonSerializerOptions _responses = json.Value.SerializerOptions;
    private readonly JsonSerializerOptions _requests = new(json.Value.SerializerOptions) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name is not null && ParameterExamples.TryGetValue(parameter.Name, out var value))
            {
                parameter.Example = JsonValue.Create(value);
            }
        }

        foreach (var example in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ApiExample>())
        {
            var content = example.StatusCode is { } status
                ? (operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true ? response.Content : null)
                : operation.RequestBody?.Content;
            if (content is null)
            {
                continue;
            }

            var node = example.Value is string text
                ? JsonValue.Create(text)
                : JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), example.StatusCode is null ? _requests : _responses);
            foreach (var (mediaType, media) in content)
            {
                if (example.MediaType is null || example.MediaType == mediaType)
                {
                    media.Examples ??= new Dictionary<string, IOpenApiExample>();
                    media.Examples[example.Name] = new OpenApiExample { Summary = example.Summary, Value = node?.DeepClone() };
                }
            }
        }
    }
}
