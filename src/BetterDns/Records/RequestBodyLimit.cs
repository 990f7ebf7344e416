using Microsoft.Extensions.Options;

namespace BetterDns.Records;

/// <summary>Marks endpoints whose request bodies are capped at <c>Registration:MaxBodyBytes</c>.</summary>
public sealed class RequestBodyLimitMetadata;

/// <summary>
/// Caps request bodies of marked endpoints before model binding reads them: a declared Content-Length
/// over the limit is refused at once, and a body without one (chunked) is read up to the limit and
/// refused if it goes on. Either way the client gets 413 problem details, never a half-read body.
/// </summary>
public static class RequestBodyLimit
{
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimitMetadata());

    /// <summary>Runs after routing (it needs the endpoint) and before authentication (no work for oversized bodies).</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimitMetadata>() is null)
            {
                await next(http);
                return;
            }

            var limit = http.RequestServices.GetRequiredService<IOptions<RegistrationOptions>>().Value.MaxBodyBytes;
            if (http.Request.ContentLength > limit || !await BufferWithinLimitAsync(http, limit))
            {
                await TypedResults.Problem(
                        detail: $"The request body is larger than {limit} bytes (Registration:MaxBodyBytes); a registration is a few dozen bytes of JSON.",
                        statusCode: StatusCodes.Status413PayloadTooLarge,
                        title: "Request body too large")
                    .ExecuteAsync(http);
                return;
            }

            await next(http);
        });

    private static async Task<bool> BufferWithinLimitAsync(HttpContext http, long limit)
    {
        if (http.Request.ContentLength is not null)
        {
            return true;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return false;
            }
        }

        buffer.Position = 0;
        http.Request.Body = buffer;
        return true;
    }
}
