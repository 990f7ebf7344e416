using System.Text.Json.Serialization;

namespace BetterDns.Health;

/// <summary>
/// The <c>check</c> of a POST/PUT body. Durations are strings like "10s", "250ms", "5m", "2h".
/// Fields left out take <c>Health:Defaults</c>. There is deliberately no address or URL field: the
/// checker probes the registration's own address.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CheckRequest(
    string? Kind = null,
    int? Port = null,
    string? Path = null,
    string? Host = null,
    string? Expect = null,
    string? Executable = null,
    string? Interval = null,
    string? Timeout = null,
    int? FailuresBeforeCritical = null,
    int? SuccessesBeforePassing = null,
    string? DeregisterAfter = null);
