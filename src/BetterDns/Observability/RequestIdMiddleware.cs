using System.Buffers;

namespace BetterDns.Observability;

/// <summary>
/// Gives every request an id: the caller's <c>X-Request-Id</c> when it is a sane token (1–128 of
/// <c>A–Z a–z 0–9 . _ - : @</c>), otherwise a new one. It becomes <see cref="HttpContext.TraceIdentifier"/>
/// (so problem details and the framework's own logs carry it), is echoed in the response, and is in a
/// logging scope (<c>RequestId</c>) around everything the request logs.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string Header = "X-Request-Id";
    public const int MaxLength = 128;

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-:@");

    public async Task InvokeAsync(HttpContext context)
    {
        var given = context.Request.Headers[Header];
        var id = given.Count == 1 && IsSane(given[0]) ? given[0]! : NewId();
        context.TraceIdentifier = id;
        context.Response.Headers[Header] = id;
        using (logger.BeginScope(new RequestIdScope(id)))
        {
            await next(context);
        }
    }

    // A new id is this process's random prefix and a counter (32 hex digits, like a GUID's "N" form):
    // unique per process and across restarts, without asking the kernel for randomness on every request.
    private static readonly ulong Prefix = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(sizeof(ulong)));
    private static long _counter;

    public static string NewId() =>
        string.Create(32, (ulong)Interlocked.Increment(ref _counter), static (chars, count) =>
        {
            Prefix.TryFormat(chars, out _, "x16");
            count.TryFormat(chars[16..], out _, "x16");
        });

    public static bool IsSane(string? id) =>
        id is { Length: > 0 and <= MaxLength } && !id.AsSpan().ContainsAnyExcept(TokenChars);
}
