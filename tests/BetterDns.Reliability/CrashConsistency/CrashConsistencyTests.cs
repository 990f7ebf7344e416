using System.Diagnostics;
using BetterDns.Reliability.Infrastructure;

namespace BetterDns.Reliability.CrashConsistency;

/// <summary>
/// A write storm, <c>kill -9</c> at a random moment, restart, check; many times over. After every restart
/// the zone file passes named-checkzone, every acknowledged change is there, every unanswered change is
/// there whole or not at all, refused changes left nothing, and DNS answers what GET /a says.
/// </summary>
public sealed class CrashConsistencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryAcknowledgedChangeSurvivesKillNineAndNoChangeIsHalfApplied()
    {
        var cycles = ReliabilityMode.Pick(20, 100);
        var seed = ReliabilityMode.Seed(20261126);
        var random = new Random(seed);
        using var directory = new TempDirectory();
        await using var service = new BetterDnsProcess(directory.Path, new Dictionary<string, string>
        {
            ["Registry:MaxRecordsPerOwner"] = "1000",
            // Each writer sends as fast as it is answered; the per-token limiter (tested in Limits) would refuse most of it.
            ["RateLimit:Enabled"] = "false",
        });

        const int writers = 8;
        var tokens = await Task.WhenAll(Enumerable.Range(0, writers)
            .Select(w => service.CreateTokenAsync($"crash-writer-{w}", WriteStorm.NamePattern(w))));
        var reader = await service.CreateTokenAsync("crash-reader", admin: true);
        var storm = new WriteStorm(writers, namesPerWriter: 6, w => tokens[w]);
        var names = storm.Ledgers.Select(l => l.Name).ToList();
        var recoveries = new List<TimeSpan>();
        var outcomes = new Dictionary<Resolution, int>();

        for (var cycle = 0; cycle <= cycles; cycle++)
        {
            recoveries.Add(await service.StartAsync());
            var state = await ServiceState.ObserveAsync(service, reader, names);
            foreach (var ledger in storm.Ledgers)
            {
                Assert.True(ledger.Settle(state[ledger.Name], out var resolution),
                    $"after kill {cycle} (seed {seed}) {ledger.Name} holds [{string.Join(' ', state[ledger.Name])}]; expected {ledger}");
                outcomes[resolution] = outcomes.GetValueOrDefault(resolution) + 1;
            }

            if (cycle == cycles)
            {
                break;
            }

            using var stop = new CancellationTokenSource();
            var running = storm.RunAsync(service.Http, seed + cycle, stop.Token);
            // The kill lands after a random amount of progress (the first requests after a start are slow while
            // the JIT warms up, so wall time alone would often kill before anything was acknowledged), then at a
            // random moment within a few batches.
            await storm.WaitForAcknowledgementsAsync(random.Next(1, 120), TimeSpan.FromSeconds(20));
            await Task.Delay(random.Next(0, 30));
            service.Kill();
            stop.Cancel();
            await running;
        }

        Assert.Empty(storm.ServerErrors);
        var ordered = recoveries.Skip(1).Order().ToList();
        Figures.Report(output, $"crash consistency: {cycles} kill -9 cycles, {storm.Acknowledged} acknowledged changes, " +
            $"{storm.Refused} refused, {storm.Unanswered} unanswered (kept whole {outcomes.GetValueOrDefault(Resolution.InDoubtKept)}, " +
            $"lost whole {outcomes.GetValueOrDefault(Resolution.InDoubtLost)}), restart to ready median {ordered[ordered.Count / 2].TotalMilliseconds:F0} ms, " +
            $"max {ordered[^1].TotalMilliseconds:F0} ms, seed {seed}");
        Assert.True(storm.Acknowledged > cycles * 10, $"the storm did too little to test anything: {storm.Acknowledged} acknowledged changes");
    }
}
