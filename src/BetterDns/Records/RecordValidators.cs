using BetterDns.Common;
using BetterDns.Health;
using FluentValidation;

namespace BetterDns.Records;

/// <summary>Shared FluentValidation rules over <see cref="RecordRules"/>, so bodies and routes are checked the same way.</summary>
public static class RecordRuleExtensions
{
    public static IRuleBuilderOptionsConditions<T, string?> MustBeRecordName<T>(this IRuleBuilder<T, string?> rule, RecordRules rules) =>
        rule.Custom((name, context) =>
        {
            if (rules.TryNormaliseName(name, out var error) is null)
            {
                context.AddFailure(error);
            }
        });

    public static IRuleBuilderOptionsConditions<T, string?> MustBeAllowedIpv4<T>(this IRuleBuilder<T, string?> rule, RecordRules rules) =>
        rule.Custom((ip, context) =>
        {
            if (rules.TryParseAddress(ip, out var error) is null)
            {
                context.AddFailure(error);
            }
        });

    public static IRuleBuilderOptionsConditions<T, long?> MustBeAllowedTtl<T>(this IRuleBuilder<T, long?> rule, RecordRules rules) =>
        rule.Custom((ttl, context) =>
        {
            if (ttl is { } value && !rules.CheckTtl(value, out var error))
            {
                context.AddFailure(error);
            }
        });
}

public sealed class RegisterRequestValidator : AbstractValidator<RegisterRequest>
{
    public RegisterRequestValidator(RecordRules rules, IValidator<CheckRequest> check)
    {
        RuleFor(r => r.Check!).SetValidator(check).When(r => r.Check is not null);
        RuleFor(r => r.Priority).InclusiveBetween(0, ReplaceRequest.MaxPriority).When(r => r.Priority is not null);
        RuleFor(r => r.Name).MustBeRecordName(rules);
        RuleFor(r => r.Ip).MustBeAllowedIpv4(rules).When(r => r.Ip is not null);
        RuleFor(r => r.Ttl).MustBeAllowedTtl(rules);
    }
}

public sealed class ReplaceRequestValidator : AbstractValidator<ReplaceRequest>
{
    public ReplaceRequestValidator(RecordRules rules, IValidator<CheckRequest> check)
    {
        RuleFor(r => r.Check!).SetValidator(check).When(r => r.Check is not null);
        RuleFor(r => r.Priority).InclusiveBetween(0, ReplaceRequest.MaxPriority).When(r => r.Priority is not null);
        RuleFor(r => r.Ips)
            .Null()
            .When(r => r.Ip is not null)
            .WithMessage("Send either 'ip' or 'ips', not both.");
        RuleFor(r => r.Ips)
            .NotEmpty()
            .WithMessage("'ips' lists at least one address; to remove a name use DELETE /a/{name}.")
            .Must(ips => ips!.Count <= ReplaceRequest.MaxAddresses)
            .WithMessage($"'ips' lists at most {ReplaceRequest.MaxAddresses} addresses.")
            .Must(ips => ips!.Distinct(StringComparer.Ordinal).Count() == ips!.Count)
            .WithMessage("'ips' lists an address more than once.")
            .When(r => r.Ips is not null);
        RuleForEach(r => r.Ips).MustBeAllowedIpv4(rules);
        RuleFor(r => r.Ip).MustBeAllowedIpv4(rules).When(r => r.Ip is not null);
        RuleFor(r => r.Ttl).MustBeAllowedTtl(rules);
    }
}

public sealed class NameRouteValidator : AbstractValidator<NameRoute>
{
    public NameRouteValidator(RecordRules rules) => RuleFor(r => r.Name).MustBeRecordName(rules);
}

public sealed class GetRecordRouteValidator : AbstractValidator<GetRecordRoute>
{
    /// <summary>A boot script may block this long at most; longer waits belong in its own retry loop.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public GetRecordRouteValidator(RecordRules rules)
    {
        RuleFor(r => r.Name).MustBeRecordName(rules);
        RuleFor(r => r.Wait)
            .Must(wait => DurationText.TryParse(wait, out var duration) && duration <= MaxWait)
            .When(r => r.Wait is not null)
            .WithMessage($"'wait' must be a duration such as 5s or 500ms, at most {MaxWait.TotalSeconds:0}s.");
    }
}

public sealed class RemoveRouteValidator : AbstractValidator<RemoveRoute>
{
    public RemoveRouteValidator(RecordRules rules)
    {
        RuleFor(r => r.Name).MustBeRecordName(rules);
        RuleFor(r => r.Ip).MustBeAllowedIpv4(rules).When(r => r.Ip is not null);
    }
}
