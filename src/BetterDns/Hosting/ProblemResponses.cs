namespace BetterDns.Hosting;

/// <summary>Every non-2xx answer is RFC 7807 problem+json: status-code pages, exceptions and bad requests alike.</summary>
public static class ProblemResponses
{
    public static IHostApplicationBuilder AddProblemResponses(this IHostApplicationBuilder builder)
    {
        // Registered before AddProblemDetails so it is asked first.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Minimal APIs answer a non-JSON body with a bare 415 status that the status-code page
            // turns into a problem without a detail: name the header and the rule.
            if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
            {
                var sent = context.HttpContext.Request.ContentType;
                context.ProblemDetails.Detail = "The request body must be JSON: send it with Content-Type: application/json"
                    + (string.IsNullOrEmpty(sent) ? " (none was sent)." : $" (got '{sent}').");
                context.ProblemDetails.Extensions.TryAdd("field", "Content-Type");
            }
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures throw BadHttpRequestException, which the handler above turns into a 4xx
        // with the framework's explanation instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }
}
