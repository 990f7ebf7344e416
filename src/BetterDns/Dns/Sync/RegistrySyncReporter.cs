using BetterDns.Registry;

namespace BetterDns.Dns.Sync;

/// <summary>
/// Reports answered registrations to the registry as one <see cref="MarkInSyncChange"/> per name.
/// Register it (<c>services.AddSingleton&lt;ISyncReporter, RegistrySyncReporter&gt;()</c> before
/// <c>AddDnsController</c>) once the registry's writer applies that change; a writer that does not
/// know the change type would fail the whole batch it arrives in.
/// </summary>
public sealed partial class RegistrySyncReporter(IRegistry registry, ILogger<RegistrySyncReporter> logger) : ISyncReporter
{
    public static readonly Actor Controller = Actor.Admin("dns-controller");

    public async Task ReportInSyncAsync(IReadOnlyList<Registration> answered, CancellationToken cancellationToken)
    {
        var changes = answered
            .GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(name => new MarkInSyncChange(Controller, name.Key, [.. name.Select(r => r.Address).Distinct()]));
        var outcomes = await Task.WhenAll(changes.Select(change => registry.SubmitAsync(change, cancellationToken)));
        foreach (var outcome in outcomes.Where(o => o.Status is ChangeStatus.Forbidden or ChangeStatus.Unavailable))
        {
            LogNotMarked(outcome.Status, outcome.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The registry did not mark registrations INSYNC: {Status} {Reason}")]
    private partial void LogNotMarked(ChangeStatus status, string? reason);
}
