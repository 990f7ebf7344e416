using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BetterDns.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BetterDns.Tests.Faults;

/// <summary>
/// The data directory on a real, small tmpfs that is filled up (ENOSPC) while the service runs: the
/// tests run as root, where <c>mount -t tmpfs</c> is allowed. A read-only directory is covered by
/// StorageFaultTests (chattr +i).
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["RateLimit:Enabled"] = "false",
        ["Registry:MaxRecordsPerOwner"] = "100000",
    };

    [Fact]
    public async Task AFullDiskAnswers503LosesNothingAcknowledgedAndWritesResumeWhenSpaceIsFreed()
    {
        var mount = TempDirectory.Create();
        Run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount);
        try
        {
            var acknowledged = new List<string>();
            var filler = Path.Combine(mount, "filler");
            await using (var app = new BetterDnsApplication(mount, Settings))
            {
                var admin = app.CreateAdminClient();
                var next = 0;
                for (; next < 5; next++)
                {
                    Assert.Equal(HttpStatusCode.Created, (await admin.RegisterAsync(Name(next), Ip(next))).StatusCode);
                    acknowledged.Add(Name(next));
                }

                await app.FlushAsync();
                Fill(filler);

                // The journal may still have room in its current file: keep writing until the disk says no.
                HttpResponseMessage? refused = null;
                for (; next < 20_000 && refused is null; next++)
                {
                    var response = await admin.RegisterAsync(Name(next), Ip(next));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add(Name(next));
                    }
                    else
                    {
                        refused = response;
                    }
                }

                Assert.NotNull(refused);
                output.WriteLine($"disk full: {acknowledged.Count - 5} more writes acknowledged (journal room) before the first 503");
                var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.Contains("cannot write to its data directory", problem.Detail());
                Assert.NotNull(refused.Headers.RetryAfter);
                var refusedName = Name(next - 1);
                await (await admin.GetNameAsync(refusedName)).AssertProblemAsync(HttpStatusCode.NotFound);
                Assert.Equal(HttpStatusCode.OK, (await admin.GetNameAsync(acknowledged[^1])).StatusCode);

                File.Delete(filler);

                var resumed = await RetryUntilCreatedAsync(admin, Name(next), Ip(next));
                acknowledged.Add(Name(next));
                output.WriteLine($"space freed: the next write acknowledged after {resumed.TotalMilliseconds:0} ms");
                Assert.True(resumed < TimeSpan.FromSeconds(10), $"writes resumed only after {resumed}");
                await app.FlushAsync();
                Assert.Subset(await ListNamesAsync(admin), acknowledged.ToHashSet());
            }

            // Nothing acknowledged is lost across a restart either: the journal and checkpoint on disk hold it all.
            await using var restarted = new BetterDnsApplication(mount, Settings);
            Assert.Subset(await ListNamesAsync(restarted.CreateAdminClient()), acknowledged.ToHashSet());
        }
        finally
        {
            Run("umount", mount);
            TempDirectory.Delete(mount);
        }
    }

    private static string Name(int i) => $"full-{i}";

    private static string Ip(int i) => $"10.{40 + i / 65536}.{i / 256 % 256}.{i % 256}";

    private static void Fill(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                stream.Write(chunk);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full.
        }
    }

    private static async Task<TimeSpan> RetryUntilCreatedAsync(HttpClient client, string name, string ip)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.RegisterAsync(name, ip);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return clock.Elapsed;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "writes did not resume within 30 s of freeing space");
            await Task.Delay(100);
        }
    }

    private static async Task<HashSet<string>> ListNamesAsync(HttpClient client)
    {
        using var list = JsonDocument.Parse(await client.GetStringAsync("/a"));
        return list.RootElement.EnumerateArray().Select(set => set.GetProperty("name").GetString()!).ToHashSet();
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)} failed: {error}");
    }
}
