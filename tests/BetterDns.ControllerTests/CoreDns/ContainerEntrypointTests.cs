using System.Globalization;
using BetterDns.ControllerTests.Infrastructure;
using CliWrap;
using CliWrap.Buffered;

namespace BetterDns.ControllerTests.CoreDns;

/// <summary>
/// The Dockerfile's ENTRYPOINT, CMD, ENV and HEALTHCHECK run outside Docker (deploy/container/run-entrypoint.sh)
/// with the CoreDNS stand-in as /usr/local/bin/coredns: tini starts BetterDns, which starts CoreDNS; the
/// health check passes once CoreDNS answers; SIGTERM to PID 1 (tini) stops BetterDns and CoreDNS.
/// </summary>
public sealed class ContainerEntrypointTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheImagesEntrypointServesThroughCoreDnsPassesItsHealthCheckAndStopsOnSigterm()
    {
        using var directory = new TempDirectory();
        var coredns = directory.File("coredns");
        File.WriteAllText(coredns, $"#!/bin/sh\nexec python3 '{Path.Combine(AppContext.BaseDirectory, "CoreDns", "coredns-standin.py")}' \"$@\"\n");
        File.SetUnixFileMode(coredns, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var data = Directory.CreateDirectory(directory.File("data")).FullName;
        var http = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var dns = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["APP"] = AppContext.BaseDirectory,
            ["DATA"] = data,
            ["COREDNS"] = coredns,
            // The image's ports (53, 5080, 8080, 8181, 9153) need root or are shared: the `docker run -e` overrides.
            ["BETTERDNS__Urls"] = $"http://127.0.0.1:{http}",
            ["BETTERDNS__Dns__CoreDns__Listen"] = $"127.0.0.1:{dns.ToString(CultureInfo.InvariantCulture)}",
            ["BETTERDNS__Dns__CoreDns__Ready"] = $"127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
            ["BETTERDNS__Dns__CoreDns__Health"] = "",
            ["BETTERDNS__Dns__CoreDns__Metrics"] = "",
        };
        var script = Path.Combine(RepositoryRoot.Path, "deploy", "container", "run-entrypoint.sh");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var run = CliWrap.Cli.Wrap(script)
            .WithEnvironmentVariables(environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(output.Enqueue))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(output.Enqueue))
            .ExecuteAsync(stop.Token);
        var log = () => string.Join('\n', output);
        try
        {
            // The image's ENV chose CoreDNS with the serial strategy; the health check says ready once it answers.
            Assert.True(await Eventually.TrueAsync(async () => (await HealthCheckAsync(script, environment)) == 0, Within, TimeSpan.FromMilliseconds(500)), log());
            Assert.NotNull(await new Resolver(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, dns)).RcodeAsync(Zone.Model.DomainName.Parse("cluster.internal.")));
            Assert.Contains(output, l => l.Contains("DNS controller: server coredns, strategy Serial", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(data, "Corefile")));
            var corednsProcess = CoreDnsProcess(data);
            Assert.NotNull(corednsProcess);

            // `docker stop`: SIGTERM to PID 1 (tini, which the script exec'd into), forwarded to BetterDns.
            Dns.Supervision.UnixSignal.Send(run.ProcessId, Dns.Supervision.UnixSignal.Terminate);
            var result = await run.Task.WaitAsync(Within);

            Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}\n{log()}");
            Assert.Contains(output, l => l.Contains("coredns stopped (exit code 0)", StringComparison.Ordinal));
            Assert.False(Directory.Exists($"/proc/{corednsProcess}"), "coredns outlived the container's PID 1");
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private static async Task<int> HealthCheckAsync(string script, Dictionary<string, string?> environment) =>
        (await CliWrap.Cli.Wrap(script).WithArguments(["healthcheck"]).WithEnvironmentVariables(environment)
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync()).ExitCode;

    // The coredns process started with this data directory's Corefile (the stand-in runs as python3).
    private static int? CoreDnsProcess(string data) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var id) ? id : (int?)null)
            .FirstOrDefault(id => id is { } p && ReadCommandLine(p).Contains(Path.Combine(data, "Corefile"), StringComparison.Ordinal));

    private static string ReadCommandLine(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
