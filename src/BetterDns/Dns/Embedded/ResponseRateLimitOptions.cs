namespace BetterDns.Dns.Embedded;

/// <summary>
/// <c>Dns:Embedded:ResponseRateLimit</c>: response rate limiting after BIND's RRL. Each client network
/// (<see cref="Ipv4PrefixLength"/>, <see cref="Ipv6PrefixLength"/>) has an account per answer (name and
/// type; all its NXDOMAINs together; all its errors together) credited <see cref="ResponsesPerSecond"/>;
/// beyond it UDP responses are dropped, and every <see cref="Slip"/>th one is sent truncated (TC=1) so a
/// real client retries over TCP, which is never limited. Off by default.
/// </summary>
public sealed class ResponseRateLimitOptions
{
    /// <summary>Limit UDP responses (off by default: answers are small and the zone is private).</summary>
    public bool Enabled { get; set; }

    /// <summary>Identical responses per second one client network gets before limiting (BIND's ARM example: 5).</summary>
    public int ResponsesPerSecond { get; set; } = 5;

    /// <summary>How far back the rate is averaged (BIND's window, default 15 s): a flood stays limited until it has been slow this long.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Every Nth limited response is sent truncated instead of dropped (0: drop all; 1: truncate all; BIND's default 2).</summary>
    public int Slip { get; set; } = 2;

    /// <summary>IPv4 clients are grouped by this prefix (BIND's default /24).</summary>
    public int Ipv4PrefixLength { get; set; } = 24;

    /// <summary>IPv6 clients are grouped by this prefix (BIND's default /56).</summary>
    public int Ipv6PrefixLength { get; set; } = 56;

    /// <summary>Every problem with these settings; empty when they are good (checked even when off, so turning it on cannot fail later).</summary>
    public IEnumerable<string> Validate()
    {
        const string Prefix = "Dns:Embedded:ResponseRateLimit:";
        if (ResponsesPerSecond is < 1 or > 1_000_000)
        {
            yield return $"{Prefix}ResponsesPerSecond is {ResponsesPerSecond}; it must be between 1 and 1000000";
        }

        if (Window < TimeSpan.FromSeconds(1) || Window > TimeSpan.FromSeconds(3600))
        {
            yield return $"{Prefix}Window is {Window}; it must be between 00:00:01 and 01:00:00";
        }

        if (Slip is < 0 or > 10)
        {
            yield return $"{Prefix}Slip is {Slip}; it must be between 0 (drop every limited response) and 10";
        }

        if (Ipv4PrefixLength is < 8 or > 32)
        {
            yield return $"{Prefix}Ipv4PrefixLength is {Ipv4PrefixLength}; it must be between 8 and 32";
        }

        if (Ipv6PrefixLength is < 16 or > 128)
        {
            yield return $"{Prefix}Ipv6PrefixLength is {Ipv6PrefixLength}; it must be between 16 and 128";
        }
    }
}
