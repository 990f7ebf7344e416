using BetterDns.Common;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace BetterDns.Health;

/// <summary>
/// Keeps a client's check inside bounds and pointed at its own address: ports 1–65535, durations within
/// <c>Health:MinInterval</c>..<c>MaxInterval</c>, a path that starts with '/', a Host header that is
/// only a host name, an executable that is a bare file name (no separators, no "..").
/// </summary>
public sealed partial class CheckRequestValidator : AbstractValidator<CheckRequest>
{
    public const int MaxThreshold = 100;

    public CheckRequestValidator(IOptions<HealthOptions> options)
    {
        var health = options.Value;
        RuleFor(c => c.Kind)
            .Must(kind => HealthCheckFactory.TryParseKind(kind, out _))
            .WithMessage("'kind' is one of none, http, https, tcp, exec, heartbeat.")
            .When(c => c.Kind is not null);
        RuleFor(c => c.Port).InclusiveBetween(1, 65535).When(c => c.Port is not null);
        RuleFor(c => c.Port).NotNull().WithMessage("A tcp check needs a 'port'.")
            .When(c => HealthCheckFactory.TryParseKind(c.Kind, out var kind) && kind == Registry.CheckKind.Tcp);
        RuleFor(c => c.Path)
            .Must(path => path!.Length <= 1024 && path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && path.All(ch => ch > ' ' && ch < 127 && ch != '#' && ch != '\\'))
            .WithMessage("'path' starts with a single '/' and holds only printable ASCII without spaces, '#' or '\\' (at most 1024 characters).")
            .When(c => c.Path is not null);
        RuleFor(c => c.Host)
            .Must(host => host!.Length <= 253 && HostHeader().IsMatch(host))
            .WithMessage("'host' is a host name (letters, digits, '-', '.'; an optional :port) sent as the Host header; the check still goes to the registered address.")
            .When(c => c.Host is not null);
        RuleFor(c => c.Expect).MaximumLength(256).When(c => c.Expect is not null);
        RuleFor(c => c.Executable)
            .Must(name => name!.Length <= 128 && ExecutableName().IsMatch(name) && !name.Contains(".."))
            .WithMessage("'executable' is a file name in the configured exec directory (letters, digits, '.', '_', '-'; no path).")
            .When(c => c.Executable is not null);
        RuleFor(c => c.Executable).NotNull().WithMessage("An exec check needs an 'executable'.")
            .When(c => HealthCheckFactory.TryParseKind(c.Kind, out var kind) && kind == Registry.CheckKind.Exec);
        RuleFor(c => c.Kind)
            .Must(_ => health.ExecDirectory is not null)
            .WithMessage("exec checks are not enabled on this server (Health:ExecDirectory is not set).")
            .When(c => HealthCheckFactory.TryParseKind(c.Kind, out var kind) && kind == Registry.CheckKind.Exec);
        RuleFor(c => c.Interval).Must(BeWithin(health.MinInterval, health.MaxInterval))
            .WithMessage($"'interval' is a duration like \"10s\" between {DurationText.Format(health.MinInterval)} and {DurationText.Format(health.MaxInterval)}.")
            .When(c => c.Interval is not null);
        RuleFor(c => c.Timeout).Must(BeWithin(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5)))
            .WithMessage("'timeout' is a duration like \"2s\" between 10ms and 5m.")
            .When(c => c.Timeout is not null);
        RuleFor(c => c.DeregisterAfter).Must(BeWithin(TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(365)))
            .WithMessage("'deregisterAfter' is a duration like \"72h\" between 100ms and 8760h.")
            .When(c => c.DeregisterAfter is not null);
        RuleFor(c => c.FailuresBeforeCritical).InclusiveBetween(1, MaxThreshold).When(c => c.FailuresBeforeCritical is not null);
        RuleFor(c => c.SuccessesBeforePassing).InclusiveBetween(1, MaxThreshold).When(c => c.SuccessesBeforePassing is not null);
    }

    private static Func<string?, bool> BeWithin(TimeSpan min, TimeSpan max) =>
        text => DurationText.TryParse(text) is { } value && value >= min && value <= max;

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostHeader();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExecutableName();
}
