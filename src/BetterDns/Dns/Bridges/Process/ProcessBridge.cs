using System.Net;
using BetterDns.Dns.Supervision;
using CliWrap;
using CliWrap.Buffered;

namespace BetterDns.Dns.Bridges.Process;

/// <summary>
/// <c>Dns:Server=process</c>: any authoritative server that runs in the foreground and reads the zone
/// file (BIND <c>named -g</c>, Knot <c>knotd</c>). Reload runs <c>Dns:Process:ReloadCommand</c>
/// (<c>rndc reload ZONE</c>, <c>knotc zone-reload ZONE</c>) or sends <c>Dns:Process:ReloadSignal</c>.
/// </summary>
public sealed partial class ProcessBridge(
    ProcessServerOptions server,
    ControlledZone zone,
    SupervisionOptions supervision,
    ILoggerFactory loggers,
    TimeProvider time)
    : SupervisedServerBridge(CommandOf(server), ProbeEndpointOf(server), zone, supervision, loggers, time)
{
    private readonly ILogger _logger = loggers.CreateLogger<ProcessBridge>();

    public override async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (server.ReloadCommand is { Length: > 0 } reload)
        {
            var result = await CliWrap.Cli.Wrap(reload)
                .WithArguments(server.ReloadArguments)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken);
            var output = (result.StandardOutput + result.StandardError).Trim();
            if (result.ExitCode != 0)
            {
                throw new DnsApplyException($"{reload} exited with code {result.ExitCode}: {output}");
            }

            LogReloaded(Name, reload, output);
            return;
        }

        if (server.ReloadSignal is { Length: > 0 } signal)
        {
            if (!Supervisor.Signal(UnixSignal.Parse(signal)))
            {
                throw new DnsApplyException($"{Name} is not running; {signal} not sent");
            }

            return;
        }

        throw new DnsApplyException("neither Dns:Process:ReloadCommand nor Dns:Process:ReloadSignal is set");
    }

    private static SupervisedCommand CommandOf(ProcessServerOptions options)
    {
        if (options.Command is not { Length: > 0 } command)
        {
            throw new InvalidOperationException("Dns:Server=process needs Dns:Process:Command");
        }

        return new SupervisedCommand(
            options.Name ?? Path.GetFileName(command), command, [.. options.Arguments], options.WorkingDirectory);
    }

    private static IPEndPoint ProbeEndpointOf(ProcessServerOptions options) =>
        options.ProbeEndpoint is { Length: > 0 } text && IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0
            ? endpoint
            : throw new InvalidOperationException(
                $"Dns:Process:ProbeEndpoint must be an address and port such as 127.0.0.1:5300, found '{options.ProbeEndpoint}'");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reloaded {Server} with {Command}: {Output}")]
    private partial void LogReloaded(string server, string command, string output);
}
