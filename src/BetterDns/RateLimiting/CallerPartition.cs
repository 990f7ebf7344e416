using System.Security.Claims;
using BetterDns.Auth;

namespace BetterDns.RateLimiting;

/// <summary>Whose bucket a request draws from, and which rule (VM or admin) sizes that bucket.</summary>
public readonly record struct CallerPartition(string Key, bool IsAdmin)
{
    /// <summary>
    /// A validated token's subject (so a VM cannot dodge its limit by changing address), else the
    /// client address (after trusted X-Forwarded-For). A VM token and an admin token with the same
    /// subject are different callers.
    /// </summary>
    public static CallerPartition Of(HttpContext http)
    {
        var user = http.User;
        var subject = user.Identity?.IsAuthenticated == true ? user.FindFirst(BetterDnsClaims.Subject)?.Value : null;
        if (!string.IsNullOrWhiteSpace(subject))
        {
            var isAdmin = user.IsAdmin();
            return new CallerPartition((isAdmin ? "admin:" : "sub:") + subject, isAdmin);
        }

        return new CallerPartition("addr:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), IsAdmin: false);
    }

    /// <summary>How the caller is named in a 429's detail.</summary>
    public string Describe() => Key switch
    {
        _ when Key.StartsWith("admin:", StringComparison.Ordinal) => $"admin token '{Key["admin:".Length..]}'",
        _ when Key.StartsWith("sub:", StringComparison.Ordinal) => $"token '{Key["sub:".Length..]}'",
        _ => $"address {Key["addr:".Length..]}",
    };
}
