using System.Diagnostics;
using System.Net;
using BetterDns.Reliability.Infrastructure;

namespace BetterDns.Reliability.ServerFaults;

/// <summary>
/// The DNS server side failing under the real service: BIND (through the process bridge) killed with
/// SIGKILL, then hung with SIGSTOP. Registrations keep being acknowledged (the registry does not need the
/// DNS server to persist), and once BIND is back every acknowledged registration is answered.
/// </summary>
public sealed class DnsServerFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Resume = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task BindKilledOrHungIsRecoveredAndAnswersEveryAcknowledgedRegistration()
    {
        using var data = new TempDirectory();
        using var bindDirectory = new TempDirectory();
        var bind = new BindServer(bindDirectory, Path.Combine(data.Path, "cluster.internal.zone"));
        var faulted = await FaultedService.StartAsync(data.Path, bind.Settings);
        await using var service = faulted.Service;
        var answers = new DnsAnswers(new IPEndPoint(IPAddress.Loopback, bind.Port));
        try
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.True(await faulted.RegisterAsync());
            }

            Assert.True(await AllAnsweredAsync(faulted, answers, Resume), "BIND never answered the first registrations");

            var killed = bind.Pid() ?? throw new InvalidOperationException("named has no pid file");
            Process.GetProcessById(killed).Kill();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 3; i++)
            {
                Assert.True(await faulted.RegisterAsync(), "a registration was refused while BIND was down");
            }

            Assert.True(await AllAnsweredAsync(faulted, answers, Resume), $"BIND was not back with every registration:\n{service.Tail(30)}");
            var afterKill = clock.Elapsed;
            Assert.NotEqual(killed, bind.Pid());

            var hung = bind.Pid() ?? throw new InvalidOperationException("named has no pid file");
            Signal("STOP", hung);
            clock.Restart();
            for (var i = 0; i < 3; i++)
            {
                Assert.True(await faulted.RegisterAsync(), "a registration was refused while BIND was hung");
            }

            await Task.Delay(2000);
            Signal("CONT", hung);
            Assert.True(await AllAnsweredAsync(faulted, answers, Resume), $"BIND did not answer every registration after the hang:\n{service.Tail(30)}");
            var afterHang = clock.Elapsed;

            Figures.Report(output, $"BIND killed: every registration answered {afterKill.TotalMilliseconds:F0} ms after SIGKILL; " +
                $"hung 2 s (SIGSTOP): answered {afterHang.TotalMilliseconds:F0} ms after the hang began; {faulted.Acknowledged.Count} acknowledged, 0 refused");
        }
        finally
        {
            if (bind.Pid() is { } pid)
            {
                Signal("CONT", pid);
            }
        }
    }

    private static async Task<bool> AllAnsweredAsync(FaultedService faulted, DnsAnswers answers, TimeSpan within)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < within)
        {
            var all = true;
            foreach (var (name, ip) in faulted.Acknowledged)
            {
                try
                {
                    all &= (await answers.AAsync(name)).Contains(ip);
                }
                catch (DnsClient.DnsResponseException)
                {
                    all = false;
                }
            }

            if (all)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static void Signal(string signal, int pid) => Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
}
