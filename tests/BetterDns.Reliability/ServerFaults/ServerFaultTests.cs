using System.Diagnostics;
using System.Net;
using BetterDns.Reliability.Infrastructure;

namespace BetterDns.Reliability.ServerFaults;

/// <summary>
/// Faults underneath the real process: the disk fills up (a real tmpfs), the zone file is deleted or
/// overwritten with garbage. (A read-only remount cannot be made under the running service: the kernel
/// refuses it with EBUSY while the journal and the data-directory lock are open for writing.) While the service cannot persist it answers 503 problem details;
/// it resumes by itself when the fault clears; nothing it acknowledged is lost, even across a kill -9.
/// </summary>
public sealed class ServerFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Resume = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AFullDiskGives503UntilSpaceIsFreedThenResumesAndLosesNothing()
    {
        await using var mount = await TmpfsMount.CreateAsync("16m");
        var faulted = await FaultedService.StartAsync(Path.Combine(mount.Path, "data"));
        await using var service = faulted.Service;
        await faulted.RegisterHealthyAsync(5);

        var filler = mount.Fill();
        Assert.True(await faulted.RegisterUntilUnavailableAsync(attempts: 2000), "a full disk never gave 503");
        await faulted.AssertReadsStillWorkAsync();

        File.Delete(filler);
        var resumed = await faulted.RegisterUntilAcknowledgedAsync(Resume);
        await faulted.AssertNothingAcknowledgedIsLostAsync();

        service.Kill();
        await service.StartAsync();
        await faulted.AssertNothingAcknowledgedIsLostAsync();
        Figures.Report(output, $"disk full: {faulted.Unavailable} x 503, resumed {resumed.TotalMilliseconds:F0} ms after space was freed, " +
            $"{faulted.Acknowledged.Count} acknowledged registrations all kept (also after kill -9)");
    }

    [Fact]
    public async Task ADeletedZoneFileIsWrittenAgainWithEveryAcknowledgedRegistration()
    {
        using var directory = new TempDirectory();
        var faulted = await FaultedService.StartAsync(directory.Path);
        await using var service = faulted.Service;
        await faulted.RegisterHealthyAsync(5);

        await faulted.AssertNothingAcknowledgedIsLostAsync();
        File.Delete(service.ZoneFile);
        var clock = Stopwatch.StartNew();
        await faulted.AssertReadsStillWorkAsync();
        await faulted.RegisterUntilAcknowledgedAsync(Resume);
        await faulted.AssertNothingAcknowledgedIsLostAsync(Resume);
        Figures.Report(output, $"zone file deleted: zone file complete again after {clock.ElapsedMilliseconds} ms, {faulted.Unavailable} x 503");
    }

    [Fact]
    public async Task AZoneFileOverwrittenWithGarbageIsRejectedAndTheServiceKeepsServingAndWriting()
    {
        using var directory = new TempDirectory();
        var faulted = await FaultedService.StartAsync(directory.Path);
        await using var service = faulted.Service;
        await faulted.RegisterHealthyAsync(5);

        await faulted.AssertNothingAcknowledgedIsLostAsync();
        var garbage = new byte[4096];
        new Random(6).NextBytes(garbage);
        await File.WriteAllBytesAsync(service.ZoneFile, garbage);
        var clock = Stopwatch.StartNew();
        // Give the watcher time to see the edit and refuse it; the last good zone keeps serving meanwhile.
        await Task.Delay(1500);
        await faulted.AssertReadsStillWorkAsync();
        await faulted.RegisterUntilAcknowledgedAsync(Resume);
        await faulted.AssertNothingAcknowledgedIsLostAsync(Resume);
        Figures.Report(output, $"zone file garbage: zone file valid and complete again after {clock.ElapsedMilliseconds} ms, {faulted.Unavailable} x 503");
    }
}
