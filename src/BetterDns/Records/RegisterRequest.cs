using System.Text.Json.Serialization;

namespace BetterDns.Records;

/// <summary>
/// POST /a: register <paramref name="Ip"/> (the caller's address when left out) under <paramref name="Name"/>
/// for <paramref name="Ttl"/> seconds (Zone:DefaultTtl when left out).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RegisterRequest(string? Name, string? Ip = null, long? Ttl = null);
