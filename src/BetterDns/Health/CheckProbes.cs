using BetterDns.Common;
using System.Buffers;
using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BetterDns.Registry;
using CommandResultValidation = CliWrap.CommandResultValidation;
using Microsoft.Extensions.Options;

namespace BetterDns.Health;

/// <summary>
/// Runs one probe of a registration at its own address. Cancelling the token (the check's timeout)
/// abandons an HTTP request or connect and kills an exec check's process. HTTP checks share one
/// connection pool: a target's kept-alive connection is reused by its next check (a dead or hung
/// target still fails: its connection is closed, refused on reconnect, or times out).
/// </summary>
public sealed class CheckProbes : IDisposable
{
    /// <summary>How failure texts start, so <see cref="CoarseReason"/> can class them for VM tokens.</summary>
    public const string HttpAnswerPrefix = "GET ";

    public const string NoHeartbeatPrefix = "no heartbeat";

    public const string NoAnswerPrefix = "no answer within";

    private readonly HealthOptions _options;
    private readonly HealthBoard _board;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;

    public CheckProbes(IOptions<HealthOptions> options, HealthBoard board, TimeProvider time)
    {
        _options = options.Value;
        _board = board;
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Never follow a redirect: it could lead the checker to another host.
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            // Reuse spares a handshake per check (most of an HTTP check's cost); a connection still gets
            // replaced now and then, so a target that only serves old connections does not pass forever.
            PooledConnectionLifetime = options.Value.HttpConnectionLifetime,
            PooledConnectionIdleTimeout = options.Value.HttpConnectionLifetime,
            // Liveness, not identity: VMs often serve self-signed certificates on their health port.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<ProbeResult> RunAsync(WatchedCheck watch, CancellationToken cancellationToken)
    {
        var (registration, check) = (watch.Registration, watch.Check);
        try
        {
            return check.Kind switch
            {
                CheckKind.Http or CheckKind.Https => await HttpAsync(watch, check, cancellationToken),
                CheckKind.Tcp => await TcpAsync(watch.EndPoint, cancellationToken),
                CheckKind.Exec => await ExecAsync(registration, check, cancellationToken),
                CheckKind.Heartbeat => Heartbeat(registration, check, watch.WatchingSince, watch.Due),
                _ => ProbeResult.Pass,
            };
        }
        catch (HttpRequestException e)
        {
            return ProbeResult.Fail(e.InnerException is SocketException s ? s.Message : e.Message);
        }
        catch (SocketException e)
        {
            return ProbeResult.Fail(e.Message);
        }
        catch (Win32Exception e)
        {
            return ProbeResult.Fail($"{check.Executable} could not be run: {e.Message}");
        }
    }

    private async Task<ProbeResult> HttpAsync(WatchedCheck watch, HealthCheck check, CancellationToken cancellationToken)
    {
        if (watch.HttpUri is not { } uri)
        {
            return ProbeResult.Fail(watch.HttpUriError!);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (check.Host is not null)
        {
            request.Headers.Host = check.Host;
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return ProbeResult.Fail($"{HttpAnswerPrefix}{check.Path} answered HTTP {(int)response.StatusCode}");
        }

        if (check.Expect is null)
        {
            return ProbeResult.Pass;
        }

        var body = await ReadBoundedAsync(response, _options.MaxBodyBytes, cancellationToken);
        return body.Contains(check.Expect, StringComparison.Ordinal)
            ? ProbeResult.Pass
            : ProbeResult.Fail($"{HttpAnswerPrefix}{check.Path} answered without '{check.Expect}' in the first {body.Length} characters");
    }

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        // Pooled: a fresh 64 KiB array per check would be most of the checker's garbage.
        var buffer = ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            var filled = 0;
            while (filled < limit)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled, limit - filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, filled);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A connect that reports refusal as a result rather than an exception: with many dead targets a
    /// thrown SocketException per check is a measurable share of the checker's CPU.
    /// </summary>
    private static async Task<ProbeResult> TcpAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var connect = new SocketAsyncEventArgs { RemoteEndPoint = endPoint };
        var done = new TaskCompletionSource<SocketError>(TaskCreationOptions.RunContinuationsAsynchronously);
        connect.Completed += (_, e) => done.TrySetResult(e.SocketError);
        if (!socket.ConnectAsync(connect))
        {
            done.TrySetResult(connect.SocketError);
        }

        SocketError error;
        using (cancellationToken.Register(() => Socket.CancelConnectAsync(connect)))
        {
            error = await done.Task;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return error == SocketError.Success ? ProbeResult.Pass : ProbeResult.Fail(new SocketException((int)error).Message);
    }

    private async Task<ProbeResult> ExecAsync(Registration registration, HealthCheck check, CancellationToken cancellationToken)
    {
        if (ResolveExecutable(check.Executable) is not { } path)
        {
            return ProbeResult.Fail($"'{check.Executable}' is not an executable in the exec directory");
        }

        var result = await CliWrap.Cli.Wrap(path)
            .WithArguments(["-v", registration.Fqdn.Value.TrimEnd('.'), "-i", registration.Address.ToString(), "-p", check.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .WithWorkingDirectory(Path.GetDirectoryName(path)!)
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken);
        return result.ExitCode == 0 ? ProbeResult.Pass : ProbeResult.Fail($"{check.Executable} exited with {result.ExitCode}");
    }

    /// <summary>The executable's full path, only if it is a file directly inside <c>Health:ExecDirectory</c>.</summary>
    internal string? ResolveExecutable(string? name)
    {
        if (_options.ExecDirectory is null || string.IsNullOrEmpty(name) || name.Contains("..", StringComparison.Ordinal)
            || name.IndexOfAny(['/', '\\']) >= 0)
        {
            return null;
        }

        var directory = Path.GetFullPath(_options.ExecDirectory);
        var path = Path.GetFullPath(Path.Combine(directory, name));
        return Path.GetDirectoryName(path) == directory.TrimEnd(Path.DirectorySeparatorChar) && File.Exists(path) ? path : null;
    }

    /// <summary>
    /// Passes when a heartbeat came within ttl of the moment the check was due: a check that starts a
    /// little late (the scheduler's tick, a busy machine) does not fail a VM that beat on time.
    /// </summary>
    private ProbeResult Heartbeat(Registration registration, HealthCheck check, DateTimeOffset watchingSince, DateTimeOffset due)
    {
        var last = _board.LastHeartbeat(registration.Fqdn, registration.Address) ?? watchingSince;
        var now = _time.GetUtcNow();
        var silence = (due < now ? due : now) - last;
        return silence <= check.Interval
            ? ProbeResult.Pass
            : ProbeResult.Fail($"{NoHeartbeatPrefix} for {DurationText.Format(TimeSpan.FromMilliseconds(Math.Round((now - last).TotalMilliseconds)))} (ttl {DurationText.Format(check.Interval)})");
    }

    public void Dispose() => _http.Dispose();
}
