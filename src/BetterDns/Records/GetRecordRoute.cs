using Microsoft.AspNetCore.Mvc;

namespace BetterDns.Records;

/// <summary>
/// GET /a/{name}?wait=5s: the name, and how long to wait until the DNS server answers with every
/// registration under it (a boot script's "block until I resolve").
/// </summary>
public sealed record GetRecordRoute(
    [property: FromRoute(Name = "name")] string Name,
    [property: FromQuery(Name = "wait")] string? Wait);
