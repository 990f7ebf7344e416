using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace BetterDns.Auth;

/// <summary>401 and 403 answers as problem details with a detail a person can act on.</summary>
public static class AuthProblems
{
    public const string MissingTokenDetail =
        "This route needs a bearer token: send 'Authorization: Bearer <token>' (an operator creates one with 'betterdns token create').";

    public const string AdminRoleDetail =
        "This token may not use this route: it needs role 'admin' (VM tokens have role 'vm'), or its role is unknown.";

    public static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";

        var detail = context.AuthenticateFailure is null
            ? MissingTokenDetail
            : "The bearer token was rejected: " + Describe(context.AuthenticateFailure);
        await WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    public static Task WriteForbiddenAsync(ForbiddenContext context) =>
        WriteAsync(
            context.HttpContext,
            StatusCodes.Status403Forbidden,
            "Forbidden",
            AdminRoleDetail);

    private static string Describe(Exception failure) => failure switch
    {
        TokenRefusedException refused => refused.Message,
        SecurityTokenExpiredException expired => $"it expired at {expired.Expires:O}; ask for a new one.",
        SecurityTokenNotYetValidException early => $"it is not valid before {early.NotBefore:O}; check the clocks.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
            "its signature does not match this service's key.",
        SecurityTokenInvalidAlgorithmException => "it is not signed with an algorithm this service accepts (HS256).",
        SecurityTokenInvalidIssuerException => "it was issued by an issuer this service does not trust.",
        SecurityTokenInvalidAudienceException => "it was issued for another audience.",
        SecurityTokenNoExpirationException => "it has no expiry time.",
        SecurityTokenMalformedException or ArgumentException => "it is not a well-formed JWT.",
        _ => "it is not valid here.",
    };

    private static async Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
