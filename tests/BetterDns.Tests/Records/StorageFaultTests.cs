using System.Diagnostics;
using System.Net;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Records;

/// <summary>
/// A data directory that cannot be written (made immutable with <c>chattr +i</c>: tests run as root,
/// for whom chmod changes nothing): writes answer 503 with Retry-After and change nothing; once the
/// directory is writable again, writes succeed without a restart.
/// </summary>
public sealed class StorageFaultTests
{
    [Fact]
    public async Task AnUnwritableDataDirectoryAnswers503ThenRecoversByItself()
    {
        await using var app = new BetterDnsApplication();
        var vm = app.CreateVmClient("vm-fault", "fault-*");
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("fault-1", "10.12.0.1")).StatusCode);
        await app.FlushAsync();

        Chattr("+i", app.DataDirectory);
        HttpResponseMessage refused;
        try
        {
            refused = await vm.RegisterAsync("fault-2", "10.12.0.2");
        }
        finally
        {
            Chattr("-i", app.DataDirectory);
        }

        var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail()));
        Assert.NotNull(refused.Headers.RetryAfter);
        await (await vm.GetNameAsync("fault-2")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Created, (await vm.RegisterAsync("fault-3", "10.12.0.3")).StatusCode);
    }

    private static void Chattr(string flag, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", ["-R", flag, directory]) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {flag} failed: {process.StandardError.ReadToEnd()}");
    }
}
