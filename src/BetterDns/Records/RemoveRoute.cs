using Microsoft.AspNetCore.Mvc;

namespace BetterDns.Records;

/// <summary>DELETE /a/{name}?ip=: the name, and the one address to remove (all of the caller's when left out).</summary>
public sealed record RemoveRoute(
    [property: FromRoute(Name = "name")] string Name,
    [property: FromQuery(Name = "ip")] string? Ip);
