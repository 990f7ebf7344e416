using System.Diagnostics;
using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;
using BetterDns.Dns.Health;
using DnsClient;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BetterDns.ControllerTests.CoreDns;

/// <summary>
/// The rows of issue 13's table, against the faithful stand-in (<see cref="CoreDnsStandIn"/>): CoreDNS
/// driven while registrations stream in must not be killed, must not flap readiness, must show a name
/// that was denied just before it was registered, must not reload once per change, and must not lose a query.
/// </summary>
public sealed class CoreDnsUnderRegistrationsTests
{
    // Large enough that a full parse costs the stand-in tens of milliseconds, small enough for CI. The
    // readiness gap after SIGUSR1 (about a second) does not depend on the zone's size.
    private const int LargeZone = 5_000;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SignalReloadsOfALargeZoneNeverGetCoreDnsKilledAsHung()
    {
        await using var coredns = await CoreDnsStandIn.StartAsync(
            ApplyStrategyKind.Signal, preloaded: LargeZone, ready: true, supervision: CoreDnsStandIn.QuickLiveness());
        var processId = coredns.Bridge.Status.ProcessId;

        await CoreDnsStandIn.RegisterStreamAsync(coredns, LargeZone, count: 6, every: TimeSpan.FromMilliseconds(400));

        Assert.True(await Eventually.TrueAsync(async () => (await coredns.Resolver.AAsync(TestZone.Name("reg-6"))) is ["10.200.0.6"], Within));
        Assert.DoesNotContain(coredns.Logs.Lines, l => l.Message.Contains("killing it to restart it", StringComparison.Ordinal));
        Assert.Equal((1, 0, processId), (coredns.Bridge.Status.Starts, coredns.Bridge.Status.CrashRestarts, coredns.Bridge.Status.ProcessId));
    }

    [Fact]
    public async Task ReadinessStaysUpWhileRegistrationsStreamIn()
    {
        await using var coredns = await CoreDnsStandIn.StartAsync(ApplyStrategyKind.Signal, preloaded: LargeZone, ready: true);
        var check = new DnsServerHealthCheck(coredns.Bridge);
        var context = new HealthCheckContext
        {
            Registration = new HealthCheckRegistration(DnsServerHealthCheck.Name, check, HealthStatus.Unhealthy, ["ready"]),
        };

        var stream = CoreDnsStandIn.RegisterStreamAsync(coredns, LargeZone, count: 6, every: TimeSpan.FromMilliseconds(400));
        var samples = new List<HealthCheckResult>();
        while (!stream.IsCompleted)
        {
            samples.Add(await check.CheckHealthAsync(context));
            await Task.Delay(100);
        }

        await stream;
        Assert.True(await Eventually.TrueAsync(() => CoreDnsStandIn.FullParses(coredns) >= 2, Within), "no SIGUSR1 reload happened");
        Assert.True(samples.Count >= 10, $"only {samples.Count} samples");
        Assert.All(samples, s => Assert.True(s.Status == HealthStatus.Healthy, s.Description));
    }

    [Fact]
    public async Task ANameDeniedJustBeforeItsRegistrationIsAnsweredAsSoonAsTheZoneIsReloaded()
    {
        // The default strategy and Corefile: the file plugin's reload ticker picks up the grown serial.
        await using var coredns = await CoreDnsStandIn.StartAsync(ApplyStrategyKind.Serial);
        var name = TestZone.Name("late-1");
        Assert.Equal(DnsResponseCode.NotExistentDomain, await coredns.Resolver.RcodeAsync(name));

        TestZone.WriteAtomically(coredns.ZoneFile, TestZone.Build(2, ("late-1", "10.0.0.9")));
        // A client keeps asking, as a boot script waiting for its name does: each NXDOMAIN may be cached.
        var reloaded = () => coredns.Logs.Lines.Any(l => l.Message.Contains("with 2 SOA serial", StringComparison.Ordinal));
        Assert.True(await Eventually.TrueAsync(
            async () =>
            {
                await coredns.Resolver.RcodeAsync(name);
                return reloaded();
            },
            Within,
            TimeSpan.FromMilliseconds(50)));

        Assert.Equal(["10.0.0.9"], await coredns.Resolver.AAsync(name));
    }

    [Fact]
    public async Task SignalReloadsCoalesceSoTheZoneIsNotParsedOncePerRegistration()
    {
        await using var coredns = await CoreDnsStandIn.StartAsync(ApplyStrategyKind.Signal, preloaded: LargeZone);
        var before = CoreDnsStandIn.FullParses(coredns);
        var started = Stopwatch.GetTimestamp();

        // Ten registrations back to back: the CPU proxy is how often the whole zone is parsed.
        await CoreDnsStandIn.RegisterStreamAsync(coredns, LargeZone, count: 10, every: TimeSpan.FromMilliseconds(20));
        Assert.True(await Eventually.TrueAsync(async () => (await coredns.Resolver.AAsync(TestZone.Name("reg-10"))) is ["10.200.0.10"], Within));
        var elapsed = Stopwatch.GetElapsedTime(started);

        // At most one reload per Dns:MinReloadInterval, plus the first one and the one that may follow the last wait.
        var parses = CoreDnsStandIn.FullParses(coredns) - before;
        var allowed = 2 + (int)(elapsed / new DnsControllerOptions().MinReloadInterval);
        Assert.True(parses <= allowed, $"{parses} full parses for 10 registrations in {elapsed.TotalSeconds:0.0} s (at most {allowed})");
    }

    [Theory]
    [InlineData(ApplyStrategyKind.Serial)]
    [InlineData(ApplyStrategyKind.Signal)]
    public async Task NoQueryIsLostWhileRegistrationsStreamIn(ApplyStrategyKind strategy)
    {
        await using var coredns = await CoreDnsStandIn.StartAsync(
            strategy, preloaded: LargeZone, ready: true, supervision: CoreDnsStandIn.QuickLiveness());
        // One try a query, as dnsperf counts: a query without an answer within a second is lost.
        var client = new LookupClient(new LookupClientOptions(coredns.Bridge.ProbeEndpoint)
        {
            UseCache = false, Retries = 0, Timeout = TimeSpan.FromSeconds(1), ThrowDnsErrors = false, UseTcpFallback = false,
        });

        var stream = CoreDnsStandIn.RegisterStreamAsync(coredns, LargeZone, count: 6, every: TimeSpan.FromMilliseconds(400));
        int asked = 0, lost = 0;
        while (!stream.IsCompleted || asked < 50)
        {
            asked++;
            try
            {
                var response = await client.QueryAsync($"pre-{asked % LargeZone}.{TestZone.Origin.Value}", QueryType.A);
                lost += response.Answers.Count == 0 ? 1 : 0;
            }
            catch (DnsResponseException)
            {
                lost++;
            }
        }

        await stream;
        Assert.True(lost == 0, $"{lost} of {asked} queries lost or unanswered");
        Assert.Equal(1, coredns.Bridge.Status.Starts);
    }
}
