using System.ComponentModel.DataAnnotations;

namespace BetterDns.Dns;

/// <summary>
/// The <c>Dns</c> section: which server answers, how a new zone file reaches it, and how the
/// controller supervises it and verifies that registrations are served.
/// </summary>
public sealed class DnsControllerOptions
{
    public const string Section = "Dns";

    /// <summary>
    /// <c>embedded</c>, <c>coredns</c> or <c>process</c>. Empty: <c>coredns</c> when a <c>coredns</c> binary is on
    /// PATH or at <c>Dns:CoreDns:Binary</c>, else <c>embedded</c>.
    /// </summary>
    public DnsServerKind? Server { get; set; }

    /// <summary>
    /// <c>serial</c>, <c>signal</c> or <c>restart</c>. Empty: <c>serial</c> for CoreDNS (its <c>file</c> plugin polls the
    /// serial), <c>signal</c> for any other process (BIND and Knot do not poll), nothing to do for embedded.
    /// </summary>
    public ApplyStrategyKind? ApplyStrategy { get; set; }

    /// <summary>
    /// <c>signal</c> strategy with CoreDNS: the least time between two SIGUSR1. Each makes CoreDNS rebuild every
    /// plugin and parse the whole zone (its <c>/ready</c> says 503 meanwhile), so under a stream of registrations
    /// the changes of this interval coalesce into one reload. BIND and Knot are reloaded once per change.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MinReloadInterval { get; set; } = TimeSpan.FromSeconds(1);

    public SupervisionOptions Supervision { get; set; } = new();

    public SyncVerificationOptions Sync { get; set; } = new();

    public Bridges.CoreDns.CoreDnsOptions CoreDns { get; set; } = new();

    public Bridges.Process.ProcessServerOptions Process { get; set; } = new();

    public Watcher.ZoneFileWatcherOptions Watcher { get; set; } = new();
}

/// <summary>How a child DNS server is started, watched, restarted and stopped.</summary>
public sealed class SupervisionOptions
{
    /// <summary>How long a fresh server may take before it answers the SOA probe (then it is reported as not answering).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>After SIGTERM, how long the server may take to exit before it is killed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before restarting a server that died; it doubles on each crash in a row.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between restarts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A server that ran this long before dying starts the backoff from the beginning again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one DNS probe query.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a starting server is probed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.005", "00:01:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often a running server is probed to notice that it hangs (alive, but not answering).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan LivenessInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Probes in a row a running server may leave unanswered before it is killed and restarted. With the
    /// defaults a hung server is replaced within about 3 × (2 s + 0.5 s) = 7.5 s.
    /// </summary>
    [Range(1, 1000)]
    public int UnansweredProbesBeforeRestart { get; set; } = 3;
}

/// <summary>How the controller checks that PENDING registrations are answered by the server.</summary>
public sealed class SyncVerificationOptions
{
    /// <summary>How long after an apply the verifier keeps asking for registrations that are not answered yet.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first pause between two verification rounds; it doubles up to one second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How many names are queried at once.</summary>
    [Range(1, 256)]
    public int Parallelism { get; set; } = 8;

    /// <summary>
    /// The least time between the starts of two rounds. Under a stream of registrations every batch asks
    /// for a round; pacing them keeps verification to a few rounds a second (a waiter asks about its own
    /// record directly and does not wait for a round).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
