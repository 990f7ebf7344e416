using System.Diagnostics;
using BetterDns.Dns.Bridges;
using CliWrap;

namespace BetterDns.Dns.Supervision;

/// <summary>
/// Keeps one DNS server process alive: starts it with CliWrap, logs each line it prints (tagged with
/// the server's name), probes it until it answers, restarts it with capped exponential backoff when
/// it dies, and on shutdown sends SIGTERM and kills it if it does not exit in time. Shared by the
/// <c>coredns</c> and <c>process</c> bridges. A fresh server is awaited with <paramref name="probe"/>
/// (which may ask more than DNS, e.g. CoreDNS's <c>/ready</c>); once it runs, only
/// <paramref name="liveness"/> ("does it answer DNS?") can get it killed as hung.
/// </summary>
public sealed partial class ProcessSupervisor(
    SupervisedCommand command,
    Func<CancellationToken, Task<DnsServerHealth>> probe,
    Func<CancellationToken, Task<DnsServerHealth>> liveness,
    SupervisionOptions options,
    ILogger logger,
    TimeProvider time) : BackgroundService
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _shutdown = new();
    private Child? _child;
    private DnsServerState _state = DnsServerState.Stopped;
    private int _crashRestarts;
    private int _starts;
    private string? _lastError;

    public string Name => command.Name;

    public DnsServerStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new DnsServerStatus(_state, _crashRestarts, _starts, _child?.ProcessId, _lastError);
            }
        }
    }

    /// <summary>The running child's process id, if one runs.</summary>
    public int? ProcessId => Status.ProcessId;

    /// <summary>Waits until a server started at least <paramref name="minStarts"/> times answers; false on timeout.</summary>
    public async Task<bool> WaitUntilAnsweringAsync(int minStarts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var status = Status;
            if (status.State == DnsServerState.Running && status.Starts >= minStarts)
            {
                return true;
            }

            if (time.GetTimestamp() >= deadline || _shutdown.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), time, cancellationToken);
        }
    }

    /// <summary>Sends <paramref name="signal"/> to the running server; false when none runs.</summary>
    public bool Signal(int signal)
    {
        var child = CurrentChild();
        return child is not null && UnixSignal.Send(child.ProcessId, signal);
    }

    /// <summary>Stops the running server (SIGTERM, then kill) and lets the loop start a new one at once.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        var startsBefore = Status.Starts;
        var child = CurrentChild();
        if (child is not null)
        {
            child.StopRequested = true;
            await TerminateAsync(child);
        }

        await WaitUntilAnsweringAsync(startsBefore + 1, options.StartTimeout, cancellationToken);
    }

    /// <summary>Starts supervising; after <see cref="StopAsync"/> it may be started again.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_shutdown.IsCancellationRequested)
            {
                _shutdown.Dispose();
                _shutdown = new CancellationTokenSource();
            }
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        Child? child;
        lock (_gate)
        {
            _shutdown.Cancel();
            child = _child;
        }

        if (child is not null)
        {
            child.StopRequested = true;
            await TerminateAsync(child);
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _shutdown.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CancellationToken shutdown;
        lock (_gate)
        {
            shutdown = _shutdown.Token;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, shutdown);
        var token = linked.Token;
        var backoff = options.InitialBackoff;
        while (!token.IsCancellationRequested)
        {
            var startedAt = time.GetTimestamp();
            var stopRequested = await RunOnceAsync(token);
            if (token.IsCancellationRequested)
            {
                break;
            }

            if (stopRequested)
            {
                backoff = options.InitialBackoff;
                continue;
            }

            if (time.GetElapsedTime(startedAt) >= options.StableAfter)
            {
                backoff = options.InitialBackoff;
            }

            SetState(DnsServerState.Restarting);
            LogRestarting(command.Name, backoff);
            try
            {
                await Task.Delay(backoff, time, token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            lock (_gate)
            {
                _crashRestarts++;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
        }

        SetState(DnsServerState.Stopped);
    }

    /// <summary>Runs the server once; returns whether it exited because we asked it to.</summary>
    private async Task<bool> RunOnceAsync(CancellationToken token)
    {
        var child = Launch(token);
        if (child is null)
        {
            return false;
        }

        _ = WatchAsync(child, token);
        string outcome;
        try
        {
            var result = await child.Execution;
            outcome = $"exit code {result.ExitCode}";
        }
        catch (OperationCanceledException)
        {
            outcome = child.Hung ? $"killed after {options.UnansweredProbesBeforeRestart} unanswered probes: hung" : "killed";
        }
        catch (Exception e)
        {
            outcome = e.Message;
        }

        lock (_gate)
        {
            if (ReferenceEquals(_child, child))
            {
                _child = null;
            }

            if (!child.StopRequested)
            {
                _lastError = $"{command.Name} exited unexpectedly ({outcome})";
                // Never "Running" without a process, not even until the loop below says Restarting.
                _state = DnsServerState.Restarting;
            }
        }

        child.Exited.TrySetResult();
        if (child.StopRequested)
        {
            LogStopped(command.Name, outcome);
        }
        else
        {
            LogDied(command.Name, outcome);
        }

        child.Kill.Dispose();
        return child.StopRequested;
    }

    private Child? Launch(CancellationToken token)
    {
        lock (_gate)
        {
            if (token.IsCancellationRequested)
            {
                return null;
            }

            var kill = new CancellationTokenSource();
            try
            {
                var cli = CliWrap.Cli.Wrap(command.Executable)
                    .WithArguments(command.Arguments)
                    .WithValidation(CommandResultValidation.None)
                    .WithStandardOutputPipe(PipeTarget.ToDelegate(line => LogOutput(command.Name, "stdout", line)))
                    .WithStandardErrorPipe(PipeTarget.ToDelegate(line => LogOutput(command.Name, "stderr", line)));
                if (command.WorkingDirectory is { } directory)
                {
                    cli = cli.WithWorkingDirectory(directory);
                }

                var execution = cli.ExecuteAsync(kill.Token);
                _child = new Child(execution.ProcessId, execution.Task, kill);
                _starts++;
                _state = DnsServerState.Starting;
                LogStarted(command.Name, execution.ProcessId, command.ToString());
                return _child;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                kill.Dispose();
                _lastError = $"{command.Name} could not be started: {e.Message}";
                _state = DnsServerState.Restarting;
                LogLaunchFailed(e, command.Name, command.ToString());
                return null;
            }
        }
    }

    /// <summary>Probes a fresh server until it answers, then keeps probing it while it runs.</summary>
    private async Task WatchAsync(Child child, CancellationToken token)
    {
        if (await WatchUntilAnsweringAsync(child, token))
        {
            await WatchWhileRunningAsync(child, token);
        }
    }

    private async Task<bool> WatchUntilAnsweringAsync(Child child, CancellationToken token)
    {
        var startedAt = time.GetTimestamp();
        var warned = false;
        try
        {
            while (!child.Exited.Task.IsCompleted && !token.IsCancellationRequested)
            {
                var health = await probe(token);
                if (health.Answering)
                {
                    SetRunningIfCurrent(child);
                    LogAnswering(command.Name, time.GetElapsedTime(startedAt).TotalMilliseconds);
                    return true;
                }

                var elapsed = time.GetElapsedTime(startedAt);
                if (!warned && elapsed >= options.StartTimeout)
                {
                    warned = true;
                    lock (_gate)
                    {
                        _lastError = $"{command.Name} does not answer after {elapsed.TotalSeconds:0.#} s: {health.Description}";
                    }

                    LogNotAnswering(command.Name, elapsed, health.Description);
                }

                // Past the start timeout keep asking, more slowly: a slow server may still come up.
                var pause = warned ? TimeSpan.FromSeconds(1) : options.ProbeInterval;
                await Task.WhenAny(child.Exited.Task, Task.Delay(pause, time, token));
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            LogProbeFailed(e, command.Name);
        }

        return false;
    }

    // A stopped (SIGSTOP) or wedged server is alive, so the exit watch never fires: only asking it tells.
    // After too many unanswered probes in a row it is killed (SIGKILL works on a stopped process) and the
    // loop restarts it like a server that died. Only DNS is asked here: a server that answers DNS is
    // never killed (CoreDNS's /ready says 503 for a second after each reload while it keeps answering).
    private async Task WatchWhileRunningAsync(Child child, CancellationToken token)
    {
        var unanswered = 0;
        while (true)
        {
            await Task.WhenAny(child.Exited.Task, Task.Delay(options.LivenessInterval, time, token));
            if (child.Exited.Task.IsCompleted || child.StopRequested || token.IsCancellationRequested)
            {
                return;
            }

            DnsServerHealth health;
            try
            {
                health = await liveness(token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // A probe that throws says as little as one that times out: count it, keep watching.
                LogProbeFailed(e, command.Name);
                health = DnsServerHealth.Unhealthy($"the probe failed: {e.Message}");
            }

            if (health.Answering)
            {
                if (unanswered > 0)
                {
                    unanswered = 0;
                    SetRunningIfCurrent(child);
                }

                continue;
            }

            unanswered++;
            lock (_gate)
            {
                if (ReferenceEquals(_child, child))
                {
                    _lastError = $"{command.Name} stopped answering ({unanswered} probe(s) in a row): {health.Description}";
                }
            }

            if (unanswered >= options.UnansweredProbesBeforeRestart && !child.StopRequested)
            {
                LogHung(command.Name, child.ProcessId, unanswered, health.Description);
                child.Hung = true;
                try
                {
                    await child.Kill.CancelAsync();
                }
                catch (ObjectDisposedException)
                {
                    // It exited in the meantime.
                }

                return;
            }
        }
    }

    private void SetRunningIfCurrent(Child child)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_child, child))
            {
                _state = DnsServerState.Running;
                _lastError = null;
            }
        }
    }

    private async Task TerminateAsync(Child child)
    {
        if (child.Exited.Task.IsCompleted)
        {
            return;
        }

        try
        {
            UnixSignal.Send(child.ProcessId, UnixSignal.Terminate);
        }
        catch (Exception e)
        {
            LogSignalFailed(e, command.Name, child.ProcessId);
        }

        var exited = await Task.WhenAny(child.Exited.Task, Task.Delay(options.StopTimeout, time)) == child.Exited.Task;
        if (!exited)
        {
            LogKilling(command.Name, options.StopTimeout);
            try
            {
                await child.Kill.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // It exited in the meantime.
            }

            await child.Exited.Task;
        }
    }

    private Child? CurrentChild()
    {
        lock (_gate)
        {
            return _child;
        }
    }

    private void SetState(DnsServerState state)
    {
        lock (_gate)
        {
            _state = state;
        }
    }

    private sealed class Child(int processId, Task<CommandResult> execution, CancellationTokenSource kill)
    {
        public int ProcessId { get; } = processId;

        public Task<CommandResult> Execution { get; } = execution;

        public CancellationTokenSource Kill { get; } = kill;

        public TaskCompletionSource Exited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool StopRequested;

        /// <summary>Killed because it stopped answering, not because it was asked to stop.</summary>
        public volatile bool Hung;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Server} ({Stream}): {Line}")]
    private partial void LogOutput(string server, string stream, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Server} as process {ProcessId}: {CommandLine}")]
    private partial void LogStarted(string server, int processId, string commandLine);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not start {Server}: {CommandLine}")]
    private partial void LogLaunchFailed(Exception exception, string server, string commandLine);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Server} answers the SOA probe after {Milliseconds:0} ms")]
    private partial void LogAnswering(string server, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Server} does not answer the SOA probe after {Elapsed}: {Reason}")]
    private partial void LogNotAnswering(string server, TimeSpan elapsed, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probing {Server} failed")]
    private partial void LogProbeFailed(Exception exception, string server);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Server} (process {ProcessId}) is alive but left {Probes} probes in a row unanswered ({Reason}); killing it to restart it")]
    private partial void LogHung(string server, int processId, int probes, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Server} died ({Outcome})")]
    private partial void LogDied(string server, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Server} stopped ({Outcome})")]
    private partial void LogStopped(string server, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restarting {Server} in {Backoff}")]
    private partial void LogRestarting(string server, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Server} did not exit within {Timeout} of SIGTERM; killing it")]
    private partial void LogKilling(string server, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not signal {Server} (process {ProcessId})")]
    private partial void LogSignalFailed(Exception exception, string server, int processId);
}
