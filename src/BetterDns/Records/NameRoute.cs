using Microsoft.AspNetCore.Mvc;

namespace BetterDns.Records;

/// <summary>The <c>{name}</c> of /a/{name}, validated like a name in a body.</summary>
public sealed record NameRoute([property: FromRoute(Name = "name")] string Name);
