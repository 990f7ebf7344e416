using System.Net;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Records;

public sealed class RestartTests
{
    [Fact]
    public async Task ANewHostOnTheSameDataDirectoryServesEveryRecord()
    {
        var directory = TempDirectory.Create();
        try
        {
            string before;
            await using (var first = new BetterDnsApplication(directory))
            {
                var vm = first.CreateVmClient("vm-restart", "restart-*");
                for (var i = 0; i < 20; i++)
                {
                    Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync($"restart-{i}", $"10.7.0.{i + 1}")).StatusCode);
                }

                await vm.RegisterAsync("restart-0", "10.7.1.1");
                await vm.RemoveAsync("restart-19");
                before = await (await vm.GetAsync("/a")).Content.ReadAsStringAsync();
            }

            await using var second = new BetterDnsApplication(directory);
            var after = await (await second.CreateVmClient("vm-restart", "restart-*").GetAsync("/a")).Content.ReadAsStringAsync();

            // Sync status is the DNS server's view, re-verified after a start; everything else must be identical.
            Assert.Equal(WithoutSyncStatus(before), WithoutSyncStatus(after));
            Assert.Contains("restart-18", after);
            Assert.DoesNotContain("restart-19", after);
            Assert.Contains("10.7.1.1", after);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    private static string WithoutSyncStatus(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, "\"status\":\"[A-Z]+\"", "\"status\":\"?\"");
}
