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
        // It is logged, posted to webhooks and shown to operators: one line of text, nothing that forges another or steers a terminal.
        RuleFor(r => r.Reason)
            .Must(reason => Observability.Logging.LogText.IsSafe(reason))
            .WithMessage("'reason' is one line of text: no control characters (CR, LF, ESC, tab, C0/C1), line or paragraph separators or bidirectional overrides.")
            .When(r => r.Reason is not null);
    }
}
