using System.Diagnostics;
using System.Globalization;
using BetterDns.Registry.Storage;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Hosting;

public sealed class DataDirectoryLockTests
{
    [Fact]
    public void ASecondHolderIsRefusedUntilTheFirstLetsGo()
    {
        var directory = TempDirectory.Create();
        try
        {
            var first = DataDirectoryLock.Acquire(directory);

            var refused = Assert.Throws<DataDirectoryLockedException>(() => DataDirectoryLock.Acquire(directory));
            Assert.Contains(directory, refused.Message);
            Assert.Contains($"(pid {Environment.ProcessId})", refused.Message);
            Assert.Contains("Storage:DataDirectory", refused.Message);

            first.Dispose();
            DataDirectoryLock.Acquire(directory).Dispose();
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task ASecondServiceOnTheSameDataDirectoryRefusesToStartAndAKilledOneDoesNotBlockARestart()
    {
        var work = TempDirectory.Create();
        var data = Path.Combine(work, "data");
        var environment = new Dictionary<string, string>
        {
            ["BETTERDNS__Storage__DataDirectory"] = data,
            ["BETTERDNS__Dns__Listen"] = "127.0.0.1:0",
            ["BETTERDNS__Urls"] = "http://127.0.0.1:0",
            ["BETTERDNS__Logging__LogLevel__Default"] = "Warning",
        };
        using var first = BetterDnsProcess.Start(work, environment);
        try
        {
            await WaitForLockHolderAsync(data, first);

            var second = await BetterDnsProcess.RunAsync(work, environment);

            Assert.Equal(2, second.Exit);
            Assert.Contains("Another betterdns", second.Stderr);
            Assert.Contains($"pid {first.Id}", second.Stderr);
            Assert.DoesNotContain("   at ", second.Stderr);

            first.Kill();
            await first.WaitForExitAsync();
            Assert.True(File.Exists(Path.Combine(data, DataDirectoryLock.FileName)), "kill -9 leaves the lock file behind");
            using var restarted = BetterDnsProcess.Start(work, environment);
            try
            {
                await WaitForLockHolderAsync(data, restarted);
            }
            finally
            {
                restarted.Kill();
                await restarted.WaitForExitAsync();
            }
        }
        finally
        {
            if (!first.HasExited)
            {
                first.Kill();
                await first.WaitForExitAsync();
            }

            TempDirectory.Delete(work);
        }
    }

    // Read from the kernel's table (/proc/locks) rather than by trying the lock, which could take it
    // for a moment and make the process under test fail to start.
    private static async Task WaitForLockHolderAsync(string data, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(process.HasExited, $"betterdns exited with {(process.HasExited ? process.ExitCode : 0)} before taking the lock");
            if (await IsHeldByAsync(Path.Combine(data, DataDirectoryLock.FileName), process.Id))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"betterdns (pid {process.Id}) did not lock {data} within 60 s");
    }

    // A /proc/locks line: "1: FLOCK  ADVISORY  WRITE 4017 08:01:123456 0 EOF".
    private static async Task<bool> IsHeldByAsync(string lockFile, int pid)
    {
        if (!File.Exists(lockFile))
        {
            return false;
        }

        var inode = await InodeAsync(lockFile);
        return (await File.ReadAllLinesAsync("/proc/locks"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(f => f.Length > 5 && f[1] == "FLOCK" && f[3] == "WRITE" && f[4] == pid.ToString(CultureInfo.InvariantCulture) && f[5].EndsWith(":" + inode, StringComparison.Ordinal));
    }

    private static async Task<string> InodeAsync(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!;
        var inode = (await stat.StandardOutput.ReadToEndAsync()).Trim();
        await stat.WaitForExitAsync();
        return inode;
    }
}
