using BetterDns.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BetterDns.Records;

/// <summary>Turns the registry's refusals into problem details with a detail a person can act on.</summary>
public static class OutcomeProblems
{
    /// <summary>Shared with the Swagger examples, so the documented body is the one the service sends.</summary>
    public const string LimitReachedDetail = "This owner has reached its number of registrations; remove one first.";

    public const string UnavailableDetail = "The change could not be written to disk, so nothing was changed; retry shortly.";

    /// <summary>Seconds a client should wait before retrying after 503.</summary>
    public const int RetryAfterSeconds = 2;

    public static ProblemHttpResult From(ChangeOutcome outcome, string name, HttpContext http)
    {
        switch (outcome.Status)
        {
            case ChangeStatus.NotFound:
                return Problem(StatusCodes.Status404NotFound, "Not found",
                    outcome.Reason ?? $"'{name}' has no registration this token can change.");
            case ChangeStatus.Forbidden:
                return Problem(StatusCodes.Status403Forbidden, "Forbidden",
                    outcome.Reason ?? $"This token may not change '{name}'.");
            case ChangeStatus.Conflict:
                return Problem(StatusCodes.Status409Conflict, "Conflicts with the zone file",
                    outcome.Reason ?? $"'{name}' conflicts with the operator's records in the zone file.");
            case ChangeStatus.LimitReached:
                return Problem(StatusCodes.Status409Conflict, "Limit reached",
                    (outcome.Reason ?? LimitReachedDetail) + " (Registry:MaxRecordsPerOwner)");
            case ChangeStatus.Unavailable:
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problem(StatusCodes.Status503ServiceUnavailable, "Registry unavailable",
                    outcome.Reason ?? UnavailableDetail);
            default:
                return Problem(StatusCodes.Status500InternalServerError, "Unexpected outcome",
                    $"The registry answered {outcome.Status} for '{name}', which this route does not expect.");
        }
    }

    public static ProblemHttpResult NotFound(string name) =>
        Problem(StatusCodes.Status404NotFound, "Not found", $"Nothing is registered under '{name}'.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
