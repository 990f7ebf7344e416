using System.Text.Json.Serialization;
using BetterDns.Health;

namespace BetterDns.Records;

/// <summary>
/// POST /a: register <paramref name="Ip"/> (the caller's address when left out) under <paramref name="Name"/>
/// for <paramref name="Ttl"/> seconds (Zone:DefaultTtl when left out), probed by <paramref name="Check"/>
/// (Health:Defaults when left out), with <paramref name="Priority"/> in its pool (lower is preferred; 0 when left out).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RegisterRequest(string? Name, string? Ip = null, long? Ttl = null, CheckRequest? Check = null, int? Priority = null);
