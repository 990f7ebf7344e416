using BetterDns.Auth;
using BetterDns.Records;
using Microsoft.AspNetCore.Mvc;

namespace BetterDns.OpenApi;

/// <summary>
/// What each problem status means on this API, and a body as the service writes it. Routes add their own
/// example where theirs says more (which field broke which rule, whose name it is).
/// </summary>
public static class ProblemExamples
{
    public const string ValidationDetail = "The request breaks the rules listed under 'errors'; fix those fields and send it again.";

    public static string Describe(int status) => status switch
    {
        400 => "The request breaks a rule: `errors` names each field (`name`, `ip`, `ips[1]`, `ttl`, `check.interval`, …) and the rule.",
        401 => "No bearer token, or the token was rejected (expired, wrong key, malformed); `detail` says which.",
        403 => "The token is valid but may not do this: the name is outside its `--names` patterns, another owner holds it, or the route needs role `admin`.",
        404 => "Nothing under this name that this token can see or change.",
        409 => "The owner has reached `Registry:MaxRecordsPerOwner` (remove a registration first), or the operator's zone file has a CNAME, DNAME or NS in the way of the name (title \"Conflicts with the zone file\"; the detail names the record).",
        413 => "The body is larger than `Registration:MaxBodyBytes` (16 KiB by default).",
        415 => "The body is not `application/json`.",
        429 => "Too many requests from this token (or address): wait for `Retry-After` seconds.",
        503 => "Nothing was changed (the registry could not write to disk, or the zone file is not ready): retry after `Retry-After` seconds.",
        _ => "An error, as RFC 7807 problem details.",
    };

    public static ProblemDetails For(int status) => status switch
    {
        400 => Validation(new() { ["name"] = ["The name contains '_' at position 3; a host name has only letters a-z, digits, hyphens and dots between labels (RFC 1123)."] }),
        401 => Problem(status, "Unauthorized", AuthProblems.MissingTokenDetail, typed: false),
        403 => Problem(status, "Forbidden", "'db-1' does not match the name patterns of your token (web-*)"),
        404 => Problem(status, "Not found", "Nothing is registered under 'web-9'."),
        409 => Problem(status, "Limit reached", OutcomeProblems.LimitReachedDetail + " (Registry:MaxRecordsPerOwner)"),
        413 => Problem(status, "Request body too large", "The request body is larger than 16384 bytes (Registration:MaxBodyBytes); a registration is a few dozen bytes of JSON.", typed: false),
        415 => Problem(status, "Unsupported Media Type", "The request body must be JSON: send it with Content-Type: application/json (got 'text/plain').", typed: false),
        429 => Problem(status, "Too many requests", "This token has used its requests for now; retry after the number of seconds in Retry-After.", typed: false),
        503 => Problem(status, "Registry unavailable", OutcomeProblems.UnavailableDetail),
        _ => Problem(status, "Error", null),
    };

    public static HttpValidationProblemDetails Validation(Dictionary<string, string[]> errors) => new(errors)
    {
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        Title = "One or more validation errors occurred.",
        Status = StatusCodes.Status400BadRequest,
        Detail = ValidationDetail,
    };

    public static ProblemDetails Problem(int status, string title, string? detail, bool typed = true) => new()
    {
        // The problem details service adds an RFC 9110 type to results; the 401/413/415 writers do not.
        Type = typed ? TypeOf(status) : null,
        Title = title,
        Status = status,
        Detail = detail,
    };

    private static string? TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => null,
    };
}
