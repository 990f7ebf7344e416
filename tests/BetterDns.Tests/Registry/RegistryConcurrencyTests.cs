using BetterDns.Registry;
using BetterDns.Zone.Model;
using static BetterDns.Tests.Registry.TempRegistry;

namespace BetterDns.Tests.Registry;

public sealed class RegistryConcurrencyTests
{
    [Fact]
    public async Task FiveHundredParallelRegistrationsAreEachInTheZoneFileExactlyOnce()
    {
        await using var temp = Create();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() =>
            temp.Registry.SubmitAsync(new RegisterChange(Vm($"vm-{i}", "node-*"), $"node-{i}", Ip($"10.{i / 256}.{i % 256}.1"), 60)))));
        await temp.Registry.FlushAsync();

        Assert.All(outcomes, o => Assert.Equal(ChangeStatus.Created, o.Status));
        var zone = temp.ReadZoneFile();
        for (var i = 0; i < 500; i++)
        {
            var name = DomainName.Parse($"node-{i}.cluster.internal.");
            var record = Assert.Single(zone.Records, r => r.Owner == name);
            Assert.Equal($"10.{i / 256}.{i % 256}.1", ((AData)record.Data).Address.ToString());
        }
    }

    [Fact]
    public async Task ParallelRacesForOneNameHaveExactlyOneWinner()
    {
        await using var temp = Create();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            temp.Registry.SubmitAsync(new RegisterChange(Vm($"vm-{i}", "web-*"), "web-1", Ip($"10.0.0.{i + 1}"), 60)))));

        Assert.Single(outcomes, o => o.Status == ChangeStatus.Created);
        Assert.Equal(49, outcomes.Count(o => o.Status == ChangeStatus.Forbidden));
        Assert.Single(temp.Registry.Current.All);
    }

    [Fact]
    public async Task ReadersSeeConsistentSnapshotsWhileTheWriterWorks()
    {
        await using var temp = Create();
        using var done = new CancellationTokenSource();
        var readerRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(() =>
        {
            var checkedSnapshots = 0;
            do
            {
                var snapshot = temp.Registry.Current;
                var addressRecords = snapshot.Zone.Records.Count(r => r.Owner.Value.StartsWith("n-", StringComparison.Ordinal));
                Assert.Equal(snapshot.All.Count(), addressRecords);
                checkedSnapshots++;
                readerRunning.TrySetResult();
            }
            while (!done.IsCancellationRequested);

            return checkedSnapshots;
        });

        // On a busy machine the reader may start late: the writer must work while it reads.
        await readerRunning.Task;
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            temp.Registry.SubmitAsync(new RegisterChange(Admin(), $"n-{i}", Ip($"10.9.{i / 256}.{i % 256}"), 60))));
        await done.CancelAsync();

        Assert.True(await reader > 0);
        Assert.Equal(200, temp.Registry.Current.All.Count());
    }
}
