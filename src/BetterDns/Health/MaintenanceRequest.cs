using System.Text.Json.Serialization;
using FluentValidation;

namespace BetterDns.Health;

/// <summary>PUT /a/{name}/maintenance: take the caller's records out of DNS (<c>enabled: true</c>) or put them back.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MaintenanceRequest(bool? Enabled, string? Reason = null);

public sealed class MaintenanceRequestValidator : AbstractValidator<MaintenanceRequest>
{
    public MaintenanceRequestValidator()
    {
        RuleFor(r => r.Enabled).NotNull().WithMessage("'enabled' is true (out of DNS) or false (back in).");
        RuleFor(r => r.Reason).MaximumLength(256).When(r => r.Reason is not null);
    }
}
