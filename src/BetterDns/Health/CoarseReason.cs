namespace BetterDns.Health;

/// <summary>
/// A probe's failure as a VM token sees it: a class of failure, never the status code, body length,
/// <c>expect</c> match or error text of a probe (an oracle about whatever answered). Operators keep the detail.
/// Anything not recognised is just "failing", so a new message can only ever be too coarse, never leak.
/// </summary>
public static class CoarseReason
{
    public const string Timeout = "timeout";
    public const string Refused = "refused";
    public const string Unreachable = "unreachable";
    public const string UnexpectedResponse = "unexpected response";
    public const string NoHeartbeat = "no heartbeat";
    public const string Failing = "failing";

    public static string? Of(string? reason)
    {
        if (reason is null)
        {
            return null;
        }

        // A deregistration says for how long first ("critical for 5m: <error>").
        if (reason.StartsWith("critical for ", StringComparison.Ordinal) && reason.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0)
        {
            reason = reason[(colon + 2)..];
        }

        return reason switch
        {
            _ when reason.StartsWith(CheckProbes.NoAnswerPrefix, StringComparison.Ordinal)
                || reason.Contains("timed out", StringComparison.OrdinalIgnoreCase) => Timeout,
            _ when reason.Contains("refused", StringComparison.OrdinalIgnoreCase) => Refused,
            _ when reason.Contains("unreachable", StringComparison.OrdinalIgnoreCase)
                || reason.Contains("no route", StringComparison.OrdinalIgnoreCase) => Unreachable,
            _ when reason.StartsWith(CheckProbes.HttpAnswerPrefix, StringComparison.Ordinal) => UnexpectedResponse,
            _ when reason.StartsWith(CheckProbes.NoHeartbeatPrefix, StringComparison.Ordinal) => NoHeartbeat,
            _ => Failing,
        };
    }
}
