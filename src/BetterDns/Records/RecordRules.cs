using System.Net;
using System.Net.Sockets;
using BetterDns.Registry;
using BetterDns.Registry.Options;
using BetterDns.Zone.Model;
using Microsoft.Extensions.Options;

namespace BetterDns.Records;

/// <summary>
/// The syntax rules a client's name, address and TTL must pass before anything reaches the registry:
/// RFC 1123 host names inside the zone, strict dotted-quad IPv4 inside the allowed networks, TTL in range.
/// Each failure message names the rule, so a person can fix the request.
/// </summary>
public sealed class RecordRules
{
    /// <summary>RFC 1035 §3.1 in text form: 255 wire octets are at most 253 characters without the final dot.</summary>
    public const int MaxNameLength = 253;

    private readonly IPNetwork[] _allowed;

    public RecordRules(IOptions<RegistrationOptions> options, RegistrySettings zone)
    {
        var registration = options.Value;
        Origin = zone.Origin;
        DefaultTtl = zone.DefaultTtl;
        MinTtl = registration.MinTtl;
        MaxTtl = registration.MaxTtl;
        AllowedNetworks = registration.EffectiveAllowedNetworks;
        _allowed = [.. AllowedNetworks.Select(IPNetwork.Parse)];
    }

    public DomainName Origin { get; }

    public uint DefaultTtl { get; }

    public uint MinTtl { get; }

    public uint MaxTtl { get; }

    public IReadOnlyList<string> AllowedNetworks { get; }

    /// <summary>
    /// Checks a name (relative, or absolute with a trailing dot and inside the zone) and gives its form
    /// relative to the origin; null and a message naming the broken rule otherwise.
    /// </summary>
    public string? TryNormaliseName(string? text, out string? error)
    {
        if (string.IsNullOrEmpty(text))
        {
            error = "A name is required.";
            return null;
        }

        if (text.Length > MaxNameLength + 1)
        {
            error = $"The name is {text.Length} characters long; a DNS name has at most {MaxNameLength} (RFC 1035).";
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]) && text[i] is not '-' and not '.')
            {
                error = $"The name contains {Describe(text[i])} at position {i + 1}; a host name has only letters a-z, digits, hyphens and dots between labels (RFC 1123).";
                return null;
            }
        }

        var relative = text;
        if (text.EndsWith('.'))
        {
            var suffix = "." + Origin.Value;
            if (!text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) || text.Length == suffix.Length)
            {
                error = text.Equals(Origin.Value, StringComparison.OrdinalIgnoreCase)
                    ? $"The zone apex {Origin.Value} cannot be registered; register a name below it."
                    : $"The name '{text}' is not inside the zone {Origin.Value}; send a relative name or an absolute name ending in .{Origin.Value}";
                return null;
            }

            relative = text[..^suffix.Length];
        }

        foreach (var label in relative.Split('.'))
        {
            if (label.Length == 0)
            {
                error = "The name has an empty label (a leading dot or two dots in a row); each label has 1 to 63 characters (RFC 1123).";
                return null;
            }

            if (label.Length > DomainName.MaxLabelLength)
            {
                error = $"The label '{label[..10]}…' is {label.Length} characters long; a label has at most {DomainName.MaxLabelLength} (RFC 1123).";
                return null;
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                error = $"The label '{label}' starts or ends with a hyphen; a host label may not (RFC 1123).";
                return null;
            }
        }

        var fullLength = relative.Length + 1 + Origin.Value.Length - 1;
        if (fullLength > MaxNameLength)
        {
            error = $"The full name {relative}.{Origin.Value} is {fullLength} characters long; a DNS name has at most {MaxNameLength} (RFC 1035).";
            return null;
        }

        error = null;
        return relative;
    }

    /// <summary>The absolute name of a relative name that passed <see cref="TryNormaliseName"/>.</summary>
    public DomainName ToFqdn(string relative) => DomainName.Parse(relative, Origin);

    /// <summary>Strict dotted quad (four decimal octets, no leading zeros) inside an allowed network.</summary>
    public IPAddress? TryParseAddress(string? text, out string? error)
    {
        if (string.IsNullOrEmpty(text))
        {
            error = "An IPv4 address is required.";
            return null;
        }

        if (!StrictIpv4.TryParse(text, out var address))
        {
            error = $"'{Printable(text)}' is not an IPv4 address in dotted-quad form (four decimal numbers 0-255 without leading zeros, e.g. 10.0.0.5).";
            return null;
        }

        return CheckAllowed(address, out error) ? address : null;
    }

    /// <summary>The address lies inside one of the allowed networks.</summary>
    public bool CheckAllowed(IPAddress address, out string? error)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            error = $"{address} is not an IPv4 address; only A records (IPv4) can be registered.";
            return false;
        }

        foreach (var network in _allowed)
        {
            if (network.Contains(address))
            {
                error = null;
                return true;
            }
        }

        error = $"{address} is outside the networks this service registers ({string.Join(", ", AllowedNetworks)}; Registration:AllowedNetworks).";
        return false;
    }

    /// <summary>
    /// The TTL a registration is served with: the client's (or Zone:DefaultTtl), and with a health check at most
    /// what the check takes to notice a death (interval × failuresBeforeCritical, whole seconds, at least 1), so a
    /// resolver in front never hands out a dead address for longer than the checker took to see it was dead
    /// (docs/decisions.md, "What clients see").
    /// </summary>
    public uint TtlFor(long? requested, HealthCheck check)
    {
        var ttl = (uint)(requested ?? DefaultTtl);
        return check.Kind == CheckKind.None ? ttl : Math.Min(ttl, DetectionSeconds(check));
    }

    /// <summary>How long the checker takes to turn a dead target critical, in whole seconds (at least 1: TTL 0 is not cached at all).</summary>
    public static uint DetectionSeconds(HealthCheck check) =>
        (uint)Math.Clamp(Math.Floor(check.Interval.TotalSeconds * check.FailuresBeforeCritical), 1, RegistrationOptionsValidator.MaxDnsTtl);

    public bool CheckTtl(long ttl, out string? error)
    {
        if (ttl < MinTtl || ttl > MaxTtl)
        {
            error = $"The TTL must be between {MinTtl} and {MaxTtl} seconds (Registration:MinTtl..MaxTtl), found {ttl}.";
            return false;
        }

        error = null;
        return true;
    }

    private static string Describe(char c) =>
        c is >= ' ' and <= '~' ? $"'{c}'" : $"the character U+{(int)c:X4}";

    /// <summary>Client text echoed in an error: printable ASCII only, and short.</summary>
    private static string Printable(string text)
    {
        var clean = new string([.. text.Take(64).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        return text.Length > 64 ? clean + "…" : clean;
    }
}
