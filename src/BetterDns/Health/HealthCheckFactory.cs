using BetterDns.Common;
using BetterDns.Registry;
using Microsoft.Extensions.Options;

namespace BetterDns.Health;

/// <summary>Turns a validated <see cref="CheckRequest"/> (or none) into the <see cref="HealthCheck"/> a registration keeps.</summary>
public sealed class HealthCheckFactory(IOptions<HealthOptions> options)
{
    public HealthCheck Create(CheckRequest? request)
    {
        var defaults = options.Value.Defaults;
        TryParseKind(request?.Kind ?? defaults.Kind, out var kind);
        if (kind == CheckKind.None)
        {
            return HealthCheck.None;
        }

        var port = request?.Port ?? kind switch
        {
            CheckKind.Https => 443,
            _ => 80,
        };
        var interval = DurationText.TryParse(request?.Interval) ?? defaults.Interval;
        var timeout = DurationText.TryParse(request?.Timeout) ?? defaults.Timeout;
        return new HealthCheck(
            kind,
            port,
            request?.Path ?? defaults.Path,
            request?.Host,
            request?.Expect,
            kind == CheckKind.Exec ? request?.Executable : null,
            interval,
            timeout < interval ? timeout : interval,
            request?.FailuresBeforeCritical ?? defaults.FailuresBeforeCritical,
            request?.SuccessesBeforePassing ?? defaults.SuccessesBeforePassing,
            DurationText.TryParse(request?.DeregisterAfter) ?? defaults.DeregisterAfter);
    }

    public static bool TryParseKind(string? text, out CheckKind kind)
    {
        kind = CheckKind.None;
        return text is not null && text.All(char.IsAsciiLetterLower) && Enum.TryParse(text, ignoreCase: true, out kind);
    }
}
