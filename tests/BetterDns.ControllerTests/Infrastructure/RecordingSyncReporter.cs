using System.Collections.Concurrent;
using BetterDns.Dns.Sync;
using BetterDns.Registry;

namespace BetterDns.ControllerTests.Infrastructure;

/// <summary>Keeps every registration the verifier reports as answered.</summary>
public sealed class RecordingSyncReporter : ISyncReporter
{
    public ConcurrentQueue<Registration> Reported { get; } = new();

    public Task ReportInSyncAsync(IReadOnlyList<Registration> answered, CancellationToken cancellationToken)
    {
        foreach (var registration in answered)
        {
            Reported.Enqueue(registration);
        }

        return Task.CompletedTask;
    }
}
