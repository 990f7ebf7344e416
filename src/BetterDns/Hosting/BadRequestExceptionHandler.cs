using Microsoft.AspNetCore.Diagnostics;

namespace BetterDns.Hosting;

/// <summary>
/// Malformed JSON, a wrong content type or an unreadable parameter surface as
/// <see cref="BadHttpRequestException"/> (route handlers are set to throw them): answer with their
/// 4xx status and the framework's message as the detail instead of a 500.
/// </summary>
public sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var detail = bad.InnerException is System.Text.Json.JsonException json
            ? $"{bad.Message} {json.Message}"
            : bad.Message;
        await TypedResults.Problem(detail: detail, statusCode: bad.StatusCode).ExecuteAsync(http);
        return true;
    }
}
