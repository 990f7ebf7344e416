namespace BetterDns.OpenApi;

/// <summary>
/// Endpoint metadata: an example Swagger UI shows, for the request body (<paramref name="StatusCode"/> null)
/// or for one response. <paramref name="Value"/> is the real request or response type, so an example
/// cannot drift from the contract without failing to compile.
/// </summary>
public sealed record ApiExample(int? StatusCode, string Name, string Summary, object Value, string? MediaType = null);

public static class ApiExampleExtensions
{
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, string name, string summary, object value)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiExample(null, name, summary, value));

    public static TBuilder WithResponseExample<TBuilder>(this TBuilder builder, int statusCode, string summary, object value, string? mediaType = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiExample(statusCode, summary, summary, value, mediaType));
}
