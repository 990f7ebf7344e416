using Microsoft.Net.Http.Headers;

namespace BetterDns.Hosting;

/// <summary>
/// Refuses, on every route, a request whose <c>Content-Type</c> declares any charset but UTF-8
/// (<c>application/json; charset=utf-7</c>, <c>latin1</c>, <c>nonsense</c>) with 415 problem details naming the
/// header and the rule. The JSON API reads UTF-8 only (RFC 8259 §8.1), and asking .NET for the encoding is
/// what answered 500 before: <c>Encoding.GetEncoding("utf-7")</c> throws NotSupportedException, an unknown
/// name makes the JSON reader throw InvalidOperationException. Matching the name needs no encoding lookup at all.
/// It runs before authentication and the rate limiter: the answer costs no more than a 401.
/// </summary>
public static class RequestCharset
{
    public const string Rule = "A request body is JSON in UTF-8: Content-Type: application/json, optionally with charset=utf-8, and no other charset.";

    public static IApplicationBuilder UseUtf8RequestCharset(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.Headers.ContentType.Count > 0)
            {
                var (refused, rewritten) = Inspect(http.Request.ContentType);
                if (refused is not null)
                {
                    var problem = TypedResults.Problem(
                        detail: $"The Content-Type header declares charset '{Shown(refused)}'. {Rule}",
                        statusCode: StatusCodes.Status415UnsupportedMediaType,
                        title: "Unsupported charset",
                        extensions: new Dictionary<string, object?> { ["field"] = "Content-Type" });
                    await problem.ExecuteAsync(http);
                    return;
                }

                if (rewritten is not null)
                {
                    // The framework's JSON reader looks the charset up with its quotes ("utf-8" → 500): hand it the plain name.
                    http.Request.ContentType = rewritten;
                }
            }

            await next(http);
        });

    // The refused value is echoed so the client sees what it sent, but never more than a glance of it.
    private static string Shown(string value) => value.Length <= 64 ? value : value[..64] + "…";

    /// <summary>
    /// The charset a Content-Type declares when it is not UTF-8 (null: none declared, or UTF-8 in any spelling),
    /// and the header to use instead when UTF-8 was declared quoted.
    /// </summary>
    public static (string? Refused, string? Rewritten) Inspect(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return (null, null);
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            // Unparseable: the body readers would not find a charset either, unless one is written in it somehow.
            return (contentType.Contains("charset", StringComparison.OrdinalIgnoreCase) ? contentType : null, null);
        }

        // Every charset parameter counts (a second one must not slip past the first).
        var quoted = false;
        foreach (var parameter in type.Parameters)
        {
            if (!parameter.Name.Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(parameter.Value);
            if (!name.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                return (parameter.Value.Value ?? "", null);
            }

            quoted |= name.Length != parameter.Value.Length;
        }

        if (!quoted)
        {
            return (null, null);
        }

        foreach (var parameter in type.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)))
        {
            parameter.Value = "utf-8";
        }

        return (null, type.ToString());
    }
}
