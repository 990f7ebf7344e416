using System.Diagnostics;
using BetterDns.Registry;
using static BetterDns.Tests.Registry.TempRegistry;

namespace BetterDns.Tests.Registry;

/// <summary>
/// A data directory that cannot be written. Tests run as root, for whom chmod changes nothing, so the
/// directory and its files are made immutable with <c>chattr +i</c> (ext4, xfs, btrfs, tmpfs support it).
/// </summary>
public sealed class RegistryStorageFaultTests
{
    private static readonly Actor Vm1 = Vm("vm-1", "*");

    [Fact]
    public async Task AnUnwritableDataDirectoryAnswersUnavailableAndAppliesNothingThenRecoversByItself()
    {
        await using var temp = Create(configure: s => s with { ZoneFlushInterval = TimeSpan.FromMilliseconds(10) });
        Assert.Equal(ChangeStatus.Created, (await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60))).Status);
        await temp.Registry.FlushAsync();
        var versionBefore = temp.Registry.Current.Version;

        Chattr("+i", temp.DataDirectory);
        var refused = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-2", Ip("10.0.0.2"), 60));
        var refusedRemove = await temp.Registry.SubmitAsync(new RemoveChange(Vm1, "web-1", null));

        Assert.Equal(ChangeStatus.Unavailable, refused.Status);
        Assert.Equal(ChangeStatus.Unavailable, refusedRemove.Status);
        Assert.NotNull(refused.Reason);
        Assert.Equal(versionBefore, temp.Registry.Current.Version);
        Assert.Equal(["web-1"], temp.Registry.Current.All.Select(r => r.Name));

        Chattr("-i", temp.DataDirectory);
        var accepted = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-3", Ip("10.0.0.3"), 60));
        Assert.Equal(ChangeStatus.Created, accepted.Status);

        var reopened = await temp.RestartAsync();
        Assert.Equal(["web-1", "web-3"], reopened.Current.All.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task AFailingCheckpointKeepsAcknowledgingThroughTheJournalAndCatchesUpLater()
    {
        await using var temp = Create(configure: s => s with { ZoneFlushInterval = TimeSpan.FromMilliseconds(10) });

        // Only the zone file's directory entry is frozen: the journal still takes writes, the zone file cannot be replaced.
        Chattr("+i", temp.DataDirectory, recursive: false);
        try
        {
            var outcome = await temp.Registry.SubmitAsync(new RegisterChange(Vm1, "web-1", Ip("10.0.0.1"), 60));
            await Assert.ThrowsAnyAsync<Exception>(() => temp.Registry.FlushAsync());
            Assert.Equal(ChangeStatus.Created, outcome.Status);
        }
        finally
        {
            Chattr("-i", temp.DataDirectory, recursive: false);
        }

        await temp.Registry.FlushAsync();
        Assert.Contains(temp.ReadZoneFile().Records, r => r.Owner.Value.StartsWith("web-1.", StringComparison.Ordinal));
    }

    private static void Chattr(string flag, string directory, bool recursive = true)
    {
        var arguments = recursive ? new[] { "-R", flag, directory } : [flag, directory];
        using var process = Process.Start(new ProcessStartInfo("chattr", arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {flag} failed: {process.StandardError.ReadToEnd()}");
    }
}
