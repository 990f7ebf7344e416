using System.Text;
using Microsoft.Net.Http.Headers;

namespace BetterDns.Hosting;

/// <summary>
/// Refuses a request body declared in a charset .NET cannot decode (<c>application/json; charset=nonsense</c>)
/// with 415 problem details. Left to model binding, the JSON reader throws InvalidOperationException for it,
/// which would surface as a 500.
/// </summary>
public static class RequestCharset
{
    public static IApplicationBuilder UseKnownRequestCharset(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) && type.Charset.HasValue && !IsKnown(type.Charset.Value!))
            {
                await TypedResults.Problem(
                        detail: $"The request body's charset '{type.Charset.Value}' is not one this service can read; send JSON in UTF-8.",
                        statusCode: StatusCodes.Status415UnsupportedMediaType,
                        title: "Unsupported charset")
                    .ExecuteAsync(http);
                return;
            }

            await next(http);
        });

    private static bool IsKnown(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
