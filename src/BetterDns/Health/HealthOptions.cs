namespace BetterDns.Health;

/// <summary>The <c>Health</c> section: check defaults, the checker's concurrency, exec scripts and webhooks.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>What a registration without <c>check</c> (or with some fields left out) gets.</summary>
    public HealthDefaults Defaults { get; set; } = new();

    /// <summary>Checks running at the same time, whatever the number of records.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>The only directory exec checks run executables from; unset: exec checks are refused.</summary>
    public string? ExecDirectory { get; set; }

    /// <summary>Whether VM tokens may register exec checks (each probe spawns a process on this host); admins always may.</summary>
    public bool AllowExecChecksForVms { get; set; }

    /// <summary>
    /// A VM owner's probes per second, summed over its registrations (1/interval each for http, https, tcp and
    /// exec checks): the checker is not a tool a tenant can point at a target at full speed. Admins are exempt.
    /// </summary>
    public double MaxProbesPerSecondPerOwner { get; set; } = 2;

    /// <summary>URLs every health state change is POSTed to as JSON.</summary>
    public List<string> Webhooks { get; set; } = [];

    /// <summary>How long one webhook POST may take.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per event and webhook (retries back off exponentially from <see cref="WebhookFirstRetry"/>).</summary>
    public int WebhookAttempts { get; set; } = 4;

    public TimeSpan WebhookFirstRetry { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Notifications waiting for one webhook (one per registration at most: later changes fold into it); beyond
    /// this the oldest of the owner with the most waiting is dropped rather than slowing checks.
    /// </summary>
    public int WebhookQueueLength { get; set; } = 1024;

    /// <summary>Notifications one owner's registrations may send to one webhook a minute (all at once after a quiet minute); more wait, folded.</summary>
    public int WebhookMaxPerOwnerPerMinute { get; set; } = 60;

    /// <summary>An HTTP check reads at most this much of the body looking for <c>expect</c>.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long an HTTP check's kept-alive connection to a target is reused before a new one is made.</summary>
    public TimeSpan HttpConnectionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Checks falling due within one tick start together: one timer for all checks, not one per
    /// registration. The checker ticks at most every <see cref="MinInterval"/>, so no check runs late by a whole interval.
    /// </summary>
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Check knobs a client may send are kept within these bounds.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Defaults for each check field (Consul's knobs).</summary>
public sealed class HealthDefaults
{
    /// <summary>none, http, https, tcp, exec or heartbeat.</summary>
    public string Kind { get; set; } = "none";

    public string Path { get; set; } = "/";

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    public int FailuresBeforeCritical { get; set; } = 3;

    public int SuccessesBeforePassing { get; set; } = 2;

    /// <summary>Critical this long → removed for good. Unset: critical registrations stay until removed.</summary>
    public TimeSpan? DeregisterAfter { get; set; } = TimeSpan.FromHours(72);
}
