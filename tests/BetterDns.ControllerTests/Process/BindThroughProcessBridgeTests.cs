using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;
using BetterDns.Dns.Bridges;
using BetterDns.Dns.Health;
using DnsClient;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BetterDns.ControllerTests.Process;

/// <summary>BIND 9 (<c>named -g</c>) supervised by the process bridge, driven by the controller, asked with DnsClient and dig.</summary>
public sealed class BindThroughProcessBridgeTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task AnswerAppearsChangesAndDisappearsAfterSignalApply()
    {
        await using var bind = await ServerHarness.StartAsync(d => RealServers.Bind(d, TestZone.Origin), ApplyStrategyKind.Signal);
        var web = TestZone.Name("web-1");
        Assert.Equal(DnsResponseCode.NotExistentDomain, await bind.Resolver.RcodeAsync(web));

        TestZone.WriteAtomically(bind.ZoneFile, TestZone.Build(2, ("web-1", "10.0.0.5")));
        Assert.True((await bind.Controller.RequestApplyAsync()).Succeeded);
        Assert.True(await Eventually.TrueAsync(async () => (await bind.Resolver.AAsync(web)) is ["10.0.0.5"], Within));
        Assert.Equal(["10.0.0.5"], await bind.Resolver.DigAAsync(web));

        TestZone.WriteAtomically(bind.ZoneFile, TestZone.Build(3, ("web-1", "10.0.0.6"), ("web-1", "10.0.0.7")));
        Assert.True((await bind.Controller.RequestApplyAsync()).Succeeded);
        Assert.True(await Eventually.TrueAsync(async () => (await bind.Resolver.AAsync(web)) is ["10.0.0.6", "10.0.0.7"], Within));
        Assert.Equal(["10.0.0.6", "10.0.0.7"], await bind.Resolver.DigAAsync(web));

        TestZone.WriteAtomically(bind.ZoneFile, TestZone.Build(4));
        Assert.True((await bind.Controller.RequestApplyAsync()).Succeeded);
        Assert.True(await Eventually.TrueAsync(async () => await bind.Resolver.RcodeAsync(web) == DnsResponseCode.NotExistentDomain, Within));
        Assert.Empty(await bind.Resolver.DigAAsync(web));
    }

    [Fact]
    public async Task KilledServerIsRestartedServesAgainAndIsUnreadyWhileDown()
    {
        var supervision = ServerHarness.FastSupervision();
        supervision.InitialBackoff = TimeSpan.FromMilliseconds(700);
        await using var bind = await ServerHarness.StartAsync(
            d => RealServers.Bind(d, TestZone.Origin), ApplyStrategyKind.Signal, supervision, ("web-1", "10.0.0.5"));
        var check = new DnsServerHealthCheck(bind.Bridge);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
        var before = bind.Bridge.Status;

        Assert.True(Dns.Supervision.UnixSignal.Send(before.ProcessId!.Value, Dns.Supervision.UnixSignal.Kill));

        Assert.True(await Eventually.TrueAsync(() => bind.Bridge.Status.State == DnsServerState.Restarting, Within));
        var whileDown = await CheckAsync(check);
        Assert.Equal(HealthStatus.Unhealthy, whileDown.Status);
        Assert.Equal("Restarting", whileDown.Data["state"]);
        Assert.Contains("exited unexpectedly", (string)whileDown.Data["lastError"]);

        Assert.True(await bind.Bridge.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(20)));
        Assert.True(await Eventually.TrueAsync(() => bind.Bridge.Status.State == DnsServerState.Running, Within));
        var after = bind.Bridge.Status;
        Assert.Equal(before.CrashRestarts + 1, after.CrashRestarts);
        Assert.NotEqual(before.ProcessId, after.ProcessId);
        Assert.Equal(["10.0.0.5"], await bind.Resolver.AAsync(TestZone.Name("web-1")));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
    }

    [Fact]
    public async Task HungServerIsUnreadyThenKilledAndRestartedWithinTheLivenessBound()
    {
        var supervision = ServerHarness.FastSupervision();
        supervision.LivenessInterval = TimeSpan.FromMilliseconds(200);
        supervision.UnansweredProbesBeforeRestart = 3;
        await using var bind = await ServerHarness.StartAsync(
            d => RealServers.Bind(d, TestZone.Origin), ApplyStrategyKind.Signal, supervision, ("web-1", "10.0.0.5"));
        var check = new DnsServerHealthCheck(bind.Bridge);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
        var hung = bind.Bridge.Status.ProcessId!.Value;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.True(Dns.Supervision.UnixSignal.Send(hung, Dns.Supervision.UnixSignal.Stop));

        var whileHung = await CheckAsync(check);
        Assert.Equal(HealthStatus.Unhealthy, whileHung.Status);
        Assert.True(await Eventually.TrueAsync(() => bind.Bridge.Status.ProcessId is { } pid && pid != hung, TimeSpan.FromSeconds(20)));
        Assert.True(await bind.Bridge.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(20)));
        var replaced = clock.Elapsed;
        Assert.Equal(["10.0.0.5"], await bind.Resolver.AAsync(TestZone.Name("web-1")));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
        Assert.True(await Eventually.TrueAsync(() => !Directory.Exists($"/proc/{hung}"), Within), "the stopped named was left behind");
        Assert.Contains(bind.Logs.Lines, l => l.Message.Contains("unanswered", StringComparison.Ordinal) && l.Message.Contains(hung.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        // Detection needs 3 × (200 ms + 300 ms probe timeout); BIND then starts in well under a second here.
        Assert.True(replaced < TimeSpan.FromSeconds(15), $"replaced after {replaced}");
    }

    [Fact]
    public async Task StopLeavesNoServerProcessBehind()
    {
        var bind = await ServerHarness.StartAsync(d => RealServers.Bind(d, TestZone.Origin), ApplyStrategyKind.Signal);
        var processId = bind.Bridge.Status.ProcessId!.Value;
        Assert.True(Directory.Exists($"/proc/{processId}"));

        await bind.DisposeAsync();

        Assert.False(Directory.Exists($"/proc/{processId}"));
        Assert.Equal(DnsServerState.Stopped, bind.Bridge.Status.State);
        Assert.Null(bind.Bridge.Status.ProcessId);
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(new DnsServerHealthCheck(bind.Bridge))).Status);
    }

    [Fact]
    public async Task RestartStrategyStartsANewServerThatServesTheNewZone()
    {
        await using var bind = await ServerHarness.StartAsync(
            d => RealServers.Bind(d, TestZone.Origin), ApplyStrategyKind.Restart, null, ("web-1", "10.0.0.5"));
        var before = bind.Bridge.Status;

        TestZone.WriteAtomically(bind.ZoneFile, TestZone.Build(2, ("web-1", "10.0.0.9")));
        var result = await bind.Controller.RequestApplyAsync();

        Assert.True(result.Succeeded, result.Error);
        var after = bind.Bridge.Status;
        Assert.Equal(before.Starts + 1, after.Starts);
        Assert.Equal(before.CrashRestarts, after.CrashRestarts);
        Assert.NotEqual(before.ProcessId, after.ProcessId);
        Assert.Equal(["10.0.0.9"], await bind.Resolver.AAsync(TestZone.Name("web-1")));
    }

    [Fact]
    public async Task ServerOutputIsLoggedOneLinePerLineWithTheServerName()
    {
        await using var bind = await ServerHarness.StartAsync(d => RealServers.Bind(d, TestZone.Origin), ApplyStrategyKind.Signal);

        var serverLines = bind.Logs.Lines.Where(l => l.Category == "BetterDns.Dns.Server.named" && l.Message.StartsWith("named (stderr): ", StringComparison.Ordinal)).ToList();
        Assert.Contains(serverLines, l => l.Message.Contains("running", StringComparison.Ordinal));
        Assert.All(serverLines, l => Assert.DoesNotContain('\n', l.Message));
    }

    private static Task<HealthCheckResult> CheckAsync(DnsServerHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration(DnsServerHealthCheck.Name, check, HealthStatus.Unhealthy, ["ready"]),
        });
}
