using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace BetterDns.Auth;

/// <summary>Reads need a token with a known role, unless <c>Auth:AllowAnonymousReads</c> opens them to everyone.</summary>
public sealed class ReadAccessRequirement : IAuthorizationRequirement;

public sealed class ReadAccessHandler(IOptionsMonitor<AuthOptions> options) : AuthorizationHandler<ReadAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadAccessRequirement requirement)
    {
        var user = context.User;
        var isRegistrant = user.Identity?.IsAuthenticated == true && user.HasKnownRole();
        if (options.CurrentValue.AllowAnonymousReads || isRegistrant)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
