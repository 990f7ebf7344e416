using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using BetterDns.Registry.Journal;
using BetterDns.Registry.Options;
using BetterDns.Registry.Storage;
using BetterDns.Registry.Writer;
using BetterDns.Zone.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace BetterDns.Registry;

/// <summary>
/// The registry: one writer that takes whatever changes are waiting (group commit), applies them in
/// order with the ownership rule, appends the batch to the journal and fsyncs it, publishes one new
/// snapshot, and only then completes the submissions. A checkpointer rewrites the registration
/// metadata and the zone file (atomically, serial bumped) shortly after changes, then drops the
/// journal segments the files now contain. See docs/decisions.md, "Durability".
/// </summary>
public sealed partial class DurableRegistry : IRegistry, IAsyncDisposable
{
    private static readonly ChangeOutcome ShuttingDown =
        new(ChangeStatus.Unavailable, [], "the registry is shutting down; nothing was changed, try again");

    private static readonly ChangeOutcome StorageFailed =
        new(ChangeStatus.Unavailable, [], "the registry cannot write to its data directory right now; nothing was changed, try again later");

    private readonly RegistrySettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Observability.BetterDnsMetrics _metrics;
    private readonly Channel<WriterItem> _queue =
        Channel.CreateUnbounded<WriterItem>(new UnboundedChannelOptions { SingleReader = true });

    private readonly RegistryState _state;
    private readonly string _metadataPath;
    private readonly MemoryStream _frameBuffer = new();
    private readonly SemaphoreSlim _checkpointGate = new(1, 1);
    private readonly Channel<bool> _dirty =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly CancellationTokenSource _stopping = new();

    private RegistrySnapshot _current;
    private WrittenZoneFile? _lastWritten;
    private JournalSegment? _segment;
    private bool _segmentBroken;
    private long _nextSegmentNumber;
    private long _changeCount;
    private long _checkpointedChangeCount;
    private readonly Lock _stopGate = new();
    private Task? _stop;
    private bool _closed;
    private Task _writer = Task.CompletedTask;
    private Task _checkpointer = Task.CompletedTask;

    private DurableRegistry(RegistrySettings settings, TimeProvider time, ILogger logger, Observability.BetterDnsMetrics? metrics = null)
    {
        _metrics = metrics ?? Observability.BetterDnsMetrics.Unobserved;
        _settings = settings;
        _time = time;
        _logger = logger;
        _metadataPath = RegistrationFile.PathIn(settings.DataDirectory);
        (_state, _current) = Load();
    }

    public RegistrySnapshot Current => Volatile.Read(ref _current);

    public string ZoneFilePath => _settings.ZoneFile;

    public RegistrySettings Settings => _settings;

    public event Action<RegistrySnapshot>? SnapshotPublished;

    public event Action<RegistrySnapshot>? ZoneFileWritten;

    /// <summary>
    /// Loads the zone file, the registration metadata and the journal from the data directory (creating
    /// a first zone file when there is none), rewrites the files if the journal held anything, and starts
    /// the writer.
    /// </summary>
    public static DurableRegistry Open(
        RegistrySettings settings, TimeProvider? time = null, ILogger<DurableRegistry>? logger = null, Observability.BetterDnsMetrics? metrics = null)
    {
        var registry = new DurableRegistry(settings, time ?? TimeProvider.System, logger ?? NullLogger<DurableRegistry>.Instance, metrics);
        registry._writer = Task.Run(registry.RunWriterAsync);
        registry._checkpointer = Task.Run(() => registry.RunCheckpointerAsync(registry._stopping.Token));
        return registry;
    }

    public Task<ChangeOutcome> SubmitAsync(RegistryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (fqdn, relative) = ResolveName(change.Name);
        CheckActor(change.Actor);
        CheckAddressesAndTtl(change);

        // Copy the address list: the caller may reuse it while the change waits in the queue.
        var queued = change is ReplaceChange replace
            ? replace with { Name = relative, Addresses = [.. replace.Addresses] }
            : change with { Name = relative };
        var submission = new Submission(queued, fqdn);
        if (Volatile.Read(ref _stop) is not null || !_queue.Writer.TryWrite(submission))
        {
            return Task.FromResult(ShuttingDown);
        }

        return cancellationToken.CanBeCanceled ? submission.Completion.Task.WaitAsync(cancellationToken) : submission.Completion.Task;
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default) => await CheckpointAsync(cancellationToken);

    public Task MarkInSyncAsync(IEnumerable<(DomainName Fqdn, IPAddress Address)> answered, CancellationToken cancellationToken = default)
    {
        var keys = answered.Select(a => new RegistrationKey(a.Fqdn, a.Address)).ToList();
        var control = new WriterControl(() =>
        {
            if (_state.MarkInSync(keys))
            {
                var snapshot = _state.PublishKeepingZone(_current);
                Volatile.Write(ref _current, snapshot);
                Raise(SnapshotPublished, snapshot);
            }
        });

        // Once shutting down there is nobody left to tell.
        return _queue.Writer.TryWrite(control) ? control.Completion.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Drains the queue, writes a final checkpoint, and closes the journal.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(checkpoint: true);

    /// <summary>
    /// Stops like a crash right after the last acknowledged journal write: no final checkpoint, so the
    /// zone file may lag the journal (tests use it to prove nothing acknowledged is lost).
    /// </summary>
    internal async ValueTask StopWithoutCheckpointAsync() => await StopAsync(checkpoint: false);


    private Task StopAsync(bool checkpoint)
    {
        // Every caller waits for the one stop: the host and WebApplicationFactory stop concurrently, and
        // neither may return while the final checkpoint is still writing into the data directory.
        lock (_stopGate)
        {
            return _stop ??= StopOnceAsync(checkpoint);
        }
    }

    private async Task StopOnceAsync(bool checkpoint)
    {
        await _stopping.CancelAsync();
        await _checkpointer;
        _queue.Writer.TryComplete();
        await _writer;
        await _checkpointGate.WaitAsync();
        try
        {
            if (checkpoint)
            {
                await CheckpointUnderGateAsync();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "Final checkpoint failed; the journal keeps every change for the next start");
        }
        finally
        {
            _closed = true;
            _segment?.Dispose();
            _checkpointGate.Release();
            _stopping.Dispose();
        }
    }

    private (DomainName Fqdn, string Relative) ResolveName(string name)
    {
        var origin = _settings.Origin;
        if (name is null || name.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            // Escaped forms (\010) are fine; raw control, space and non-ASCII characters are never host names.
            throw new ArgumentException($"'{name}' contains control, space or non-ASCII characters", nameof(name));
        }

        if (!DomainName.TryParse(name, origin, out var fqdn, out var error))
        {
            throw new ArgumentException($"'{name}' is not a domain name: {error}", nameof(name));
        }

        if (fqdn == origin || !fqdn.IsSubdomainOf(origin))
        {
            throw new ArgumentException($"'{name}' is not a name below the zone {origin}", nameof(name));
        }

        if (fqdn.Value.StartsWith("*.", StringComparison.Ordinal) || fqdn.Value.Contains(".*.", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is a wildcard; registrations name one host", nameof(name));
        }

        return (fqdn, Relative(fqdn, origin));
    }

    /// <summary>
    /// The name relative to the zone, also when the client spelled the origin in another case: name
    /// patterns are matched label by label against it, so it must not keep the origin's labels.
    /// </summary>
    private static string Relative(DomainName fqdn, DomainName origin)
    {
        var relative = fqdn.ToRelativeString(origin);
        return relative == fqdn.Value && fqdn.Value.EndsWith("." + origin.Value, StringComparison.OrdinalIgnoreCase)
            ? fqdn.Value[..(fqdn.Value.Length - origin.Value.Length - 1)]
            : relative;
    }

    private static void CheckActor(Actor? actor)
    {
        if (actor is null || string.IsNullOrEmpty(actor.Subject) || actor.NamePatterns is null)
        {
            throw new ArgumentException("a change needs an actor with a subject and name patterns", nameof(actor));
        }
    }

    // RFC 2181 §8: a TTL is at most 2^31 - 1 seconds.
    private static void CheckAddressesAndTtl(RegistryChange change)
    {
        if (change is RegisterChange { Ttl: > int.MaxValue } or ReplaceChange { Ttl: > int.MaxValue })
        {
            throw new ArgumentException($"a TTL is at most {int.MaxValue} seconds", nameof(change));
        }

        var addresses = change switch
        {
            RegisterChange r => [r.Address],
            ReplaceChange r => r.Addresses,
            RemoveChange { Address: { } a } => [a],
            HealthChange r => [r.Address],
            DeregisterChange r => [r.Address],
            MaintenanceChange { Address: { } a } => [a],
            _ => [],
        };
        foreach (var address in addresses)
        {
            if (address is null || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            {
                throw new ArgumentException($"'{address}' is not an IP address", nameof(change));
            }
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    private void Raise(Action<RegistrySnapshot>? handlers, RegistrySnapshot snapshot)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<RegistrySnapshot>>())
        {
            try
            {
                handler(snapshot);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "A registry event handler failed");
            }
        }
    }

    private static void RemoveTempFiles(string directory)
    {
        foreach (var temp in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            DurableFile.TryDelete(temp);
        }
    }
}
