using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;
using BetterDns.Dns.Bridges;
using BetterDns.Dns.Supervision;

namespace BetterDns.ControllerTests.Supervision;

/// <summary>The supervisor with plain processes (sh, sleep, false) where no DNS server is needed to show the behaviour.</summary>
public sealed partial class ProcessSupervisorTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ServerThatKeepsDyingIsRestartedWithDoublingBackoffUpToTheCap()
    {
        var logs = new CapturingLoggerFactory();
        using var supervisor = Supervisor(new SupervisedCommand("flaky", "false", []), logs, new SupervisionOptions
        {
            InitialBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(80),
        }, answering: false);

        await supervisor.StartAsync(CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(() => supervisor.Status.CrashRestarts >= 6, Within));
        await supervisor.StopAsync(CancellationToken.None);

        var backoffs = logs.Lines
            .Select(l => RestartingLine().Match(l.Message))
            .Where(m => m.Success)
            .Select(m => TimeSpan.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture).TotalMilliseconds)
            .ToList();
        Assert.Equal([10, 20, 40, 80, 80], backoffs.Take(5));
        Assert.Contains("flaky exited unexpectedly (exit code 1)", supervisor.Status.LastError);
        Assert.Equal(DnsServerState.Stopped, supervisor.Status.State);
    }

    [Fact]
    public async Task MissingExecutableIsReportedAndRetriedWithoutFailingTheHost()
    {
        using var supervisor = Supervisor(new SupervisedCommand("ghost", "/nonexistent/dns-server", []), new CapturingLoggerFactory());

        await supervisor.StartAsync(CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(() => supervisor.Status.CrashRestarts >= 2, Within));
        var status = supervisor.Status;
        await supervisor.StopAsync(CancellationToken.None);

        Assert.StartsWith("ghost could not be started", status.LastError);
        Assert.Null(status.ProcessId);
        Assert.Equal(0, status.Starts);
    }

    [Fact]
    public async Task ServerIgnoringSigtermIsKilledAfterTheStopTimeout()
    {
        var logs = new CapturingLoggerFactory();
        using var supervisor = Supervisor(
            new SupervisedCommand("stubborn", "sh", ["-c", "trap '' TERM; echo ignoring TERM; exec sleep 60"]),
            logs,
            new SupervisionOptions { StopTimeout = TimeSpan.FromMilliseconds(300) });
        await supervisor.StartAsync(CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(() => logs.Lines.Any(l => l.Message == "stubborn (stdout): ignoring TERM"), Within));
        var processId = supervisor.Status.ProcessId!.Value;

        var stopping = Stopwatch.StartNew();
        await supervisor.StopAsync(CancellationToken.None);

        Assert.InRange(stopping.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.False(Directory.Exists($"/proc/{processId}"));
        Assert.Contains(logs.Lines, l => l.Message.Contains("did not exit within", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerThatHonoursSigtermStopsWithoutBeingKilled()
    {
        var logs = new CapturingLoggerFactory();
        using var supervisor = Supervisor(new SupervisedCommand("polite", "sleep", ["60"]), logs);
        await supervisor.StartAsync(CancellationToken.None);
        Assert.True(await supervisor.WaitUntilAnsweringAsync(1, Within, CancellationToken.None));
        var processId = supervisor.Status.ProcessId!.Value;

        await supervisor.StopAsync(CancellationToken.None);

        Assert.False(Directory.Exists($"/proc/{processId}"));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("did not exit within", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Message.StartsWith("polite stopped", StringComparison.Ordinal));
        Assert.Equal(0, supervisor.Status.CrashRestarts);
    }

    [Fact]
    public async Task EachOutputLineBecomesOneLogLineTaggedWithTheServerName()
    {
        var logs = new CapturingLoggerFactory();
        using var supervisor = Supervisor(
            new SupervisedCommand("talker", "sh", ["-c", "echo first line; echo second line; echo oops >&2; exec sleep 60"]), logs);
        await supervisor.StartAsync(CancellationToken.None);

        Assert.True(await Eventually.TrueAsync(() => logs.Lines.Any(l => l.Message == "talker (stderr): oops"), Within));
        Assert.True(await Eventually.TrueAsync(() => logs.Lines.Any(l => l.Message == "talker (stdout): second line"), Within));
        await supervisor.StopAsync(CancellationToken.None);

        Assert.Contains(logs.Lines, l => l.Message == "talker (stdout): first line" && l.Category == "test.talker");
    }

    [Fact]
    public async Task StateIsStartingUntilTheProbeAnswersThenRunning()
    {
        var answering = false;
        using var supervisor = Supervisor(
            new SupervisedCommand("slow", "sleep", ["60"]),
            new CapturingLoggerFactory(),
            _ => Task.FromResult(answering ? DnsServerHealth.Healthy("yes") : DnsServerHealth.Unhealthy("not yet")),
            new SupervisionOptions { ProbeInterval = TimeSpan.FromMilliseconds(10) });
        await supervisor.StartAsync(CancellationToken.None);

        Assert.True(await Eventually.TrueAsync(() => supervisor.Status.ProcessId is not null, Within));
        await Task.Delay(100);
        Assert.Equal(DnsServerState.Starting, supervisor.Status.State);
        answering = true;
        Assert.True(await supervisor.WaitUntilAnsweringAsync(1, Within, CancellationToken.None));
        Assert.Equal(DnsServerState.Running, supervisor.Status.State);

        await supervisor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ARunningServerThatStopsAnsweringIsKilledAndRestarted()
    {
        var answering = true;
        var logs = new CapturingLoggerFactory();
        using var supervisor = Supervisor(
            new SupervisedCommand("wedged", "sleep", ["60"]),
            logs,
            _ => Task.FromResult(answering ? DnsServerHealth.Healthy("yes") : DnsServerHealth.Unhealthy("timed out")),
            new SupervisionOptions
            {
                ProbeInterval = TimeSpan.FromMilliseconds(10),
                LivenessInterval = TimeSpan.FromMilliseconds(20),
                UnansweredProbesBeforeRestart = 3,
                InitialBackoff = TimeSpan.FromMilliseconds(10),
            });
        await supervisor.StartAsync(CancellationToken.None);
        Assert.True(await supervisor.WaitUntilAnsweringAsync(1, Within, CancellationToken.None));
        var first = supervisor.Status.ProcessId!.Value;

        answering = false;
        Assert.True(await Eventually.TrueAsync(() => supervisor.Status.Starts >= 2, Within));
        answering = true;

        Assert.True(await supervisor.WaitUntilAnsweringAsync(2, Within, CancellationToken.None));
        Assert.NotEqual(first, supervisor.Status.ProcessId);
        Assert.True(await Eventually.TrueAsync(() => !Directory.Exists($"/proc/{first}"), Within), "the hung process was left running");
        Assert.Contains(logs.Lines, l => l.Message.Contains("left 3 probes in a row unanswered", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Message.Contains("hung", StringComparison.Ordinal) && l.Message.StartsWith("wedged died", StringComparison.Ordinal));
        await supervisor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ARunningServerThatMissesFewerProbesThanTheLimitIsLeftAlone()
    {
        var misses = 0;
        using var supervisor = Supervisor(
            new SupervisedCommand("blip", "sleep", ["60"]),
            new CapturingLoggerFactory(),
            // Every other probe fails: never three in a row.
            _ => Task.FromResult(Interlocked.Increment(ref misses) % 2 == 0 ? DnsServerHealth.Unhealthy("timed out") : DnsServerHealth.Healthy("yes")),
            new SupervisionOptions
            {
                ProbeInterval = TimeSpan.FromMilliseconds(10),
                LivenessInterval = TimeSpan.FromMilliseconds(10),
                UnansweredProbesBeforeRestart = 2,
            });
        await supervisor.StartAsync(CancellationToken.None);
        Assert.True(await supervisor.WaitUntilAnsweringAsync(1, Within, CancellationToken.None));

        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref misses) >= 30, Within));

        Assert.Equal(1, supervisor.Status.Starts);
        await supervisor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ARunningServerThatAnswersDnsIsNeverKilledWhateverItsReadinessSays()
    {
        var ready = true;
        var livenessProbes = 0;
        using var supervisor = new ProcessSupervisor(
            new SupervisedCommand("reloading", "sleep", ["60"]),
            _ => Task.FromResult(ready ? DnsServerHealth.Healthy("ready") : DnsServerHealth.Unhealthy("/ready says 503")),
            _ =>
            {
                Interlocked.Increment(ref livenessProbes);
                return Task.FromResult(DnsServerHealth.Healthy("answers the SOA"));
            },
            new SupervisionOptions { ProbeInterval = TimeSpan.FromMilliseconds(10), LivenessInterval = TimeSpan.FromMilliseconds(10), UnansweredProbesBeforeRestart = 2 },
            new CapturingLoggerFactory().CreateLogger("test.reloading"),
            TimeProvider.System);
        await supervisor.StartAsync(CancellationToken.None);
        Assert.True(await supervisor.WaitUntilAnsweringAsync(1, Within, CancellationToken.None));

        // From now on /ready says 503, as CoreDNS's does for a second after each SIGUSR1, while DNS answers.
        ready = false;
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref livenessProbes) >= 20, Within));

        Assert.Equal((DnsServerState.Running, 1, 0), (supervisor.Status.State, supervisor.Status.Starts, supervisor.Status.CrashRestarts));
        await supervisor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task CanBeStartedAgainAfterStop()
    {
        using var supervisor = Supervisor(new SupervisedCommand("again", "sleep", ["60"]), new CapturingLoggerFactory());
        await supervisor.StartAsync(CancellationToken.None);
        Assert.True(await supervisor.WaitUntilAnsweringAsync(1, Within, CancellationToken.None));
        await supervisor.StopAsync(CancellationToken.None);

        await supervisor.StartAsync(CancellationToken.None);

        Assert.True(await supervisor.WaitUntilAnsweringAsync(2, Within, CancellationToken.None));
        Assert.Equal(2, supervisor.Status.Starts);
        Assert.Equal(0, supervisor.Status.CrashRestarts);
        await supervisor.StopAsync(CancellationToken.None);
        Assert.Null(supervisor.Status.ProcessId);
    }

    private static ProcessSupervisor Supervisor(
        SupervisedCommand command, CapturingLoggerFactory logs, SupervisionOptions? options = null, bool answering = true) =>
        Supervisor(command, logs, _ => Task.FromResult(answering ? DnsServerHealth.Healthy("a plain process counts as answering") : DnsServerHealth.Unhealthy("no")), options);

    // One probe for both the start and the liveness watch: the tests above are about the process, not the probes.
    private static ProcessSupervisor Supervisor(
        SupervisedCommand command, CapturingLoggerFactory logs, Func<CancellationToken, Task<DnsServerHealth>> probe, SupervisionOptions? options = null) =>
        new(command, probe, probe,
            options ?? new SupervisionOptions { ProbeInterval = TimeSpan.FromMilliseconds(10) },
            logs.CreateLogger("test." + command.Name),
            TimeProvider.System);

    [GeneratedRegex(@"^Restarting \S+ in (\S+)$")]
    private static partial Regex RestartingLine();
}
