using BetterDns.Registry;
using static BetterDns.Tests.Registry.TempRegistry;

namespace BetterDns.Tests.Registry;

/// <summary>The checkpointer rests after each checkpoint (paced by its cost); the journal keeps everything meanwhile.</summary>
public sealed class CheckpointSchedulingTests
{
    private static readonly Actor Vm1 = Vm("vm-1", "*");

    private static bool InZoneFile(TempRegistry temp, string name) =>
        temp.ReadZoneFile().Records.Any(r => r.Owner.Value.StartsWith(name + ".", StringComparison.Ordinal));

    [Fact]
    public async Task ChangesDuringTheRestAfterACheckpointWaitInTheJournalAndSurviveACrash()
    {
        // A share this small turns any checkpoint (at least a millisecond of file writes) into a rest of many seconds.
        await using var temp = Create(configure: s => s with
        {
            ZoneFlushInterval = TimeSpan.FromMilliseconds(10),
            CheckpointShare = 0.00001,
            MaxCheckpointInterval = TimeSpan.FromHours(1),
        });
        var written = new TaskCompletionSource();
        temp.Registry.ZoneFileWritten += _ => written.TrySetResult();
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        await written.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var web1Written = InZoneFile(temp, "web-1");

        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-2", Ip("10.0.0.2"), 60));
        await Task.Delay(300);
        var web2WrittenDuringRest = InZoneFile(temp, "web-2");
        var reopened = await temp.RestartAsync(crash: true);

        Assert.True(web1Written);
        Assert.False(web2WrittenDuringRest);
        Assert.Equal(["web-1", "web-2"], reopened.Current.All.Select(r => r.Name).Order());
        Assert.True(InZoneFile(temp, "web-2"));
    }

    [Fact]
    public async Task MaxCheckpointIntervalEndsTheRestHoweverCostlyTheCheckpoint()
    {
        // The same tiny share as above; the cap brings the next checkpoint within it.
        await using var temp = Create(configure: s => s with
        {
            ZoneFlushInterval = TimeSpan.FromMilliseconds(10),
            CheckpointShare = 0.00001,
            MaxCheckpointInterval = TimeSpan.FromMilliseconds(200),
        });
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        temp.Registry.ZoneFileWritten += _ =>
        {
            if (!first.TrySetResult())
            {
                second.TrySetResult();
            }
        };

        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
        await first.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-2", Ip("10.0.0.2"), 60));

        // Uncapped, a checkpoint of even 1 ms would rest 100 s here.
        await second.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(InZoneFile(temp, "web-2"));
    }
}
