using System.Diagnostics;
using System.Net;
using System.Text;

namespace BetterDns.Reliability.Infrastructure;

/// <summary>
/// The real service: <c>dotnet betterdns.dll</c> (the build output of src/BetterDns) on a data directory,
/// configured through <c>BETTERDNS__…</c> environment variables, with the embedded DNS server. Every start
/// takes fresh loopback ports for HTTP and DNS. <see cref="Kill"/> is <c>kill -9</c>.
/// </summary>
public sealed class BetterDnsProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _log = new();
    private readonly SemaphoreSlim _firstToken = new(1, 1);
    private Process? _process;
    private HttpClient? _http;

    public BetterDnsProcess(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        DataDirectory = dataDirectory;
        Directory.CreateDirectory(dataDirectory);
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["BETTERDNS__Storage__DataDirectory"] = dataDirectory,
            ["BETTERDNS__Dns__Server"] = "embedded",
            ["BETTERDNS__Logging__LogLevel__Default"] = "Warning",
            ["BETTERDNS__Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _environment["BETTERDNS__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
    }

    /// <summary>src/BetterDns/bin/&lt;this build's configuration&gt;/net10.0/betterdns.dll.</summary>
    public static string Dll { get; } = Path.Combine(RepositoryRoot.Path, "src", "BetterDns", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "betterdns.dll");

    public string DataDirectory { get; }

    /// <summary>The zone file under the data directory (Zone:File is left at its default).</summary>
    public string ZoneFile => Path.Combine(DataDirectory, "cluster.internal.zone");

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1:1");

    public IPEndPoint DnsEndPoint { get; private set; } = new(IPAddress.Loopback, 1);

    /// <summary>A client for the current run, with enough connections for a thousand concurrent callers.</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("the service is not started");

    public int Starts { get; private set; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the service wrote to stdout and stderr, across every run.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the service and waits until /readyz answers 200; returns how long that took.</summary>
    public async Task<TimeSpan> StartAsync(TimeSpan? within = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("already running");
        }

        var httpPort = FreePort.Next();
        var dnsPort = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        DnsEndPoint = new IPEndPoint(IPAddress.Loopback, dnsPort);
        var info = Command(["--urls", BaseAddress.ToString().TrimEnd('/')]);
        info.Environment["BETTERDNS__Dns__Listen__0"] = $"127.0.0.1:{dnsPort}";
        var started = Stopwatch.GetTimestamp();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        Append($"--- start {Starts}: {BaseAddress}, DNS {DnsEndPoint}");

        _http?.Dispose();
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 2048,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

        var deadline = within ?? TimeSpan.FromSeconds(90);
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (Stopwatch.GetElapsedTime(started) < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"betterdns exited with {process.ExitCode} while starting:\n{Tail()}");
            }

            try
            {
                using var response = await probe.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(started);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy machine: ask again.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"betterdns was not ready within {deadline}:\n{Tail()}");
    }

    /// <summary><c>kill -9</c>: no shutdown hooks, no flush; whatever was on disk is what the next start finds.</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.WaitForExit();
        _process.Dispose();
        _process = null;
        Append("--- killed");
    }

    /// <summary>
    /// <c>kill -TERM</c>, as systemd and <c>docker stop</c> do: the host drains the writer and writes a final
    /// checkpoint before it exits. Waits for the exit.
    /// </summary>
    public async Task StopAsync(TimeSpan? within = null)
    {
        if (_process is null)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await term.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        Append($"--- stopped, exit code {_process.ExitCode}");
        _process.Dispose();
        _process = null;
    }

    /// <summary>
    /// Runs <c>betterdns token create</c> (the operator's tool) against the same data directory and settings.
    /// A VM token may register <paramref name="ips"/> (`--ips`), by default 10.0.0.0/8 where these tests'
    /// addresses live: the clients connect from loopback, which a VM may never register.
    /// </summary>
    public async Task<string> CreateTokenAsync(string subject, string? names = null, bool admin = false, string ips = "10.0.0.0/8")
    {
        List<string> arguments = ["token", "create", "--sub", subject, "--expires", "2h"];
        if (names is not null)
        {
            arguments.AddRange(["--names", names]);
        }

        if (!admin)
        {
            arguments.AddRange(["--ips", ips]);
        }

        if (admin)
        {
            arguments.AddRange(["--role", "admin"]);
        }

        // The first call creates data/signing.key; the others wait for it rather than race to create it
        // (a parallel first use once produced a token the service refused as signed with another key).
        var creatingKey = !File.Exists(Path.Combine(DataDirectory, "signing.key"));
        if (creatingKey)
        {
            await _firstToken.WaitAsync();
        }

        try
        {
            var info = Command(arguments);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"token create failed ({process.ExitCode}): {await stderr}");
            }

            return (await stdout).Trim().Split('\n')[^1].Trim();
        }
        finally
        {
            if (creatingKey)
            {
                _firstToken.Release();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _http?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The last lines of the log, for failure messages.</summary>
    public string Tail(int lines = 60)
    {
        var all = Log.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    private ProcessStartInfo Command(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
