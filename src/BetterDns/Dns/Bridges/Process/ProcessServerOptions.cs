namespace BetterDns.Dns.Bridges.Process;

/// <summary>
/// <c>Dns:Process:*</c>: any authoritative server that runs in the foreground, e.g.
/// <c>named -g -c DIR/named.conf</c> or <c>knotd -c DIR/knot.conf</c>.
/// </summary>
public sealed class ProcessServerOptions
{
    /// <summary>The executable (a path, or a name looked up on PATH).</summary>
    public string? Command { get; set; }

    public List<string> Arguments { get; set; } = [];

    /// <summary>The command the <c>signal</c> strategy runs, e.g. <c>rndc</c> or <c>knotc</c>.</summary>
    public string? ReloadCommand { get; set; }

    /// <summary>Its arguments, e.g. <c>-c DIR/knot.conf zone-reload cluster.internal.</c>.</summary>
    public List<string> ReloadArguments { get; set; } = [];

    /// <summary>A signal sent to the server instead of running a reload command (e.g. <c>SIGHUP</c> for BIND).</summary>
    public string? ReloadSignal { get; set; }

    /// <summary>Where the server answers DNS (<c>127.0.0.1:5300</c>, <c>[::1]:5300</c>).</summary>
    public string? ProbeEndpoint { get; set; }

    public string? WorkingDirectory { get; set; }

    /// <summary>A short name for logs; default: the executable's file name.</summary>
    public string? Name { get; set; }
}
