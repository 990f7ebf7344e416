using System.Globalization;
using System.Net;
using System.Text;

namespace BetterDns.Dns.Bridges.CoreDns;

/// <summary>
/// Renders the Corefile CoreDNS runs with: one server block for the zone that serves the zone file
/// with the <c>file</c> plugin (parsed again when its SOA serial changed, checked every <see cref="CoreDnsOptions.ReloadInterval"/>),
/// plus <c>health</c>, <c>ready</c>, <c>prometheus</c>, <c>errors</c>, <c>log</c> and a short <c>cache</c> that
/// does not keep denials (<see cref="CoreDnsOptions.CacheDenialTtl"/>).
/// coredns/Corefile in the repository is this output for the defaults.
/// </summary>
public static class Corefile
{
    // The cache plugin's default capacity (plugin/cache: defaultCap, rounded down to whole shards).
    private const int DenialCapacity = 9984;

    /// <summary>
    /// The Corefile. With the <c>serial</c> strategy the <c>file</c> plugin polls the zone's serial every
    /// <see cref="CoreDnsOptions.ReloadInterval"/>; with <c>signal</c> or <c>restart</c> BetterDns tells CoreDNS when
    /// to read the zone, so the poll is off (<c>reload 0</c>): it would parse the zone a second time per change.
    /// </summary>
    public static string Render(ControlledZone zone, CoreDnsOptions options, ApplyStrategyKind strategy = ApplyStrategyKind.Serial)
    {
        var listen = ListenEndpoint(options);
        var text = new StringBuilder();
        text.Append("# BetterDns writes this file at start-up from the Dns:CoreDns:* settings (docs/dns-controller.md).\n");
        text.Append(CultureInfo.InvariantCulture, $"{zone.Origin.Value}:{listen.Port} {{\n");
        text.Append(CultureInfo.InvariantCulture, $"    bind {listen.Address}\n");
        text.Append(CultureInfo.InvariantCulture, $"    file {Quote(zone.FilePath)} {{\n");
        var reload = strategy == ApplyStrategyKind.Serial ? Duration(options.ReloadInterval) : "0";
        text.Append(CultureInfo.InvariantCulture, $"        reload {reload}\n");
        text.Append("    }\n");
        if (options.Health is { Length: > 0 } health)
        {
            text.Append(CultureInfo.InvariantCulture, $"    health {health}\n");
        }

        if (options.Ready is { Length: > 0 } ready)
        {
            text.Append(CultureInfo.InvariantCulture, $"    ready {ready}\n");
        }

        if (options.Metrics is { Length: > 0 } metrics)
        {
            text.Append(CultureInfo.InvariantCulture, $"    prometheus {metrics}\n");
        }

        text.Append("    errors\n");
        if (options.LogQueries)
        {
            text.Append("    log\n");
        }

        // Every TTL a resolver in front is handed, negative ones too, is at most CacheTtl (1 s ones become CacheTtl:
        // the plugin's 5 s floor is clamped to the cap); what is left counts down, so it adds nothing to theirs.
        if (options.CacheTtl > 0)
        {
            // Explicit about denials: a cached NXDOMAIN for a name asked just before it was registered
            // would hide it for the denial's whole life (docs/dns-controller.md, "CoreDNS as it really behaves").
            text.Append(CultureInfo.InvariantCulture, $"    cache {options.CacheTtl} {{\n");
            text.Append(options.CacheDenialTtl > 0
                ? string.Create(CultureInfo.InvariantCulture, $"        denial {DenialCapacity} {options.CacheDenialTtl}\n")
                : "        disable denial\n");
            text.Append("    }\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>Where CoreDNS answers DNS (<c>Dns:CoreDns:Listen</c>).</summary>
    public static IPEndPoint ListenEndpoint(CoreDnsOptions options) =>
        IPEndPoint.TryParse(options.Listen, out var endpoint) && endpoint.Port != 0
            ? endpoint
            : throw new InvalidOperationException(
                $"Dns:CoreDns:Listen must be an address and port such as 127.0.0.1:5053, found '{options.Listen}'");

    /// <summary>The URL of the <c>ready</c> plugin, or null when it is left out.</summary>
    public static Uri? ReadyUrl(CoreDnsOptions options) =>
        options.Ready is { Length: > 0 } ready ? new Uri($"http://{ready}/ready") : null;

    // Go durations: "1s", "500ms", "2m".
    private static string Duration(TimeSpan value) =>
        value.TotalSeconds >= 1 && value.Milliseconds == 0
            ? $"{(long)value.TotalSeconds}s"
            : $"{(long)Math.Max(1, value.TotalMilliseconds)}ms";

    // The Corefile lexer splits on white space; a quoted path keeps spaces.
    private static string Quote(string path) =>
        path.Any(c => char.IsWhiteSpace(c) || c is '"' or '{' or '}' or '#')
            ? "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : path;
}
