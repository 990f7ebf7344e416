using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using BetterDns.Testing;

namespace BetterDns.HealthTests.Infrastructure;

/// <summary>
/// A real caching resolver from Debian in front of an authoritative server, run as our own process on a
/// free loopback port with its own configuration (no system service, no root trust anchor, no network):
/// unbound with a <c>stub-zone</c>, or BIND <c>named</c> with a forward zone. Only what running it in a test
/// needs is configured; every cache setting is the resolver's default.
/// </summary>
public sealed class RecursiveResolver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly StringBuilder _output = new();

    private RecursiveResolver(string name, Process process, TempDirectory directory, IPEndPoint endpoint)
    {
        Name = name;
        _process = process;
        _directory = directory;
        Endpoint = endpoint;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public IPEndPoint Endpoint { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Task<RecursiveResolver> StartAsync(string kind, IPEndPoint authoritative, string zone) => kind switch
    {
        "unbound" => UnboundAsync(authoritative, zone),
        "named" => NamedAsync(authoritative, zone),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unbound or named"),
    };

    /// <summary><c>unbound -d</c> with a stub zone: it asks the authoritative server as the zone's name server.</summary>
    public static Task<RecursiveResolver> UnboundAsync(IPEndPoint authoritative, string zone)
    {
        var directory = new TempDirectory();
        var port = FreePort.Next();
        var conf = directory.File("unbound.conf");
        File.WriteAllText(conf, $"""
            server:
                interface: 127.0.0.1
                port: {Text(port)}
                do-ip6: no
                do-daemonize: no
                username: ""
                chroot: ""
                directory: "{directory.Path}"
                pidfile: "{directory.File("unbound.pid")}"
                use-syslog: no
                logfile: ""
                num-threads: 1
                access-control: 127.0.0.0/8 allow
                # The authoritative server is on loopback, which unbound does not ask by default.
                do-not-query-localhost: no
                # No validator: there is no trust anchor to fetch without a network.
                module-config: "iterator"
            stub-zone:
                name: "{zone}"
                stub-addr: {authoritative.Address}@{Text(authoritative.Port)}

            """);
        return StartAsync("unbound", "unbound", ["-d", "-c", conf], directory, port, zone);
    }

    /// <summary><c>named -g</c> as a recursive resolver that forwards the zone to the authoritative server (only).</summary>
    public static Task<RecursiveResolver> NamedAsync(IPEndPoint authoritative, string zone)
    {
        var directory = new TempDirectory();
        var port = FreePort.Next();
        var conf = directory.File("named.conf");
        File.WriteAllText(conf, $$"""
            options {
                directory "{{directory.Path}}";
                listen-on port {{Text(port)}} { 127.0.0.1; };
                listen-on-v6 { none; };
                recursion yes;
                allow-query { 127.0.0.0/8; };
                allow-recursion { 127.0.0.0/8; };
                // No trust anchor can be fetched without a network.
                dnssec-validation no;
                pid-file "{{directory.File("named.pid")}}";
                session-keyfile "{{directory.File("session.key")}}";
                managed-keys-directory "{{directory.Path}}";
            };
            controls { };
            zone "{{zone}}" { type forward; forward only; forwarders { {{authoritative.Address}} port {{Text(authoritative.Port)}}; }; };

            """);
        return StartAsync("named", "named", ["-g", "-c", conf], directory, port, zone);
    }

    /// <summary>Asks the resolver for the A records of <paramref name="name"/>.</summary>
    public Task<DigReply> AskAsync(string name) => DigReply.AskAsync(Endpoint, name);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _process.Dispose();
            _directory.Dispose();
        }
    }

    private static async Task<RecursiveResolver> StartAsync(string name, string command, string[] arguments, TempDirectory directory, int port, string zone)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory.Path,
        };
        var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{command} did not start (apt-get install unbound bind9)");
        var resolver = new RecursiveResolver(name, process, directory, new IPEndPoint(IPAddress.Loopback, port));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            // The zone's SOA through the resolver: it listens and reaches the authoritative server.
            if (!process.HasExited && (await DigReply.AskAsync(resolver.Endpoint, zone, "SOA")).Status == "NOERROR")
            {
                return resolver;
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        var output = resolver.Output;
        await resolver.DisposeAsync();
        throw new InvalidOperationException($"{name} did not answer {zone} SOA on port {port}: {output}");
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
