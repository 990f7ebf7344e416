namespace BetterDns.Hosting;

/// <summary>Every non-2xx answer is RFC 7807 problem+json: status-code pages, exceptions and bad requests alike.</summary>
public static class ProblemResponses
{
    public static IHostApplicationBuilder AddProblemResponses(this IHostApplicationBuilder builder)
    {
        // Registered before AddProblemDetails so it is asked first.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures throw BadHttpRequestException, which the handler above turns into a 4xx
        // with the framework's explanation instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }
}
