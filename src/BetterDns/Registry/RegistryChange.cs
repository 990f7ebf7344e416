using System.Net;

namespace BetterDns.Registry;

/// <summary>A change submitted to the one registry writer. Names are relative to the zone origin.</summary>
public abstract record RegistryChange(Actor Actor, string Name);

/// <summary>Add <paramref name="Address"/> to the pool of <paramref name="Name"/> (or refresh it: a reboot re-registers).</summary>
public sealed record RegisterChange(Actor Actor, string Name, IPAddress Address, uint Ttl) : RegistryChange(Actor, Name);

/// <summary>
/// Replace the actor's addresses under <paramref name="Name"/> with <paramref name="Addresses"/>
/// (an admin replaces the whole pool).
/// </summary>
public sealed record ReplaceChange(Actor Actor, string Name, IReadOnlyList<IPAddress> Addresses, uint Ttl) : RegistryChange(Actor, Name);

/// <summary>Remove the actor's addresses under <paramref name="Name"/> (an admin: all), or only <paramref name="Address"/>.</summary>
public sealed record RemoveChange(Actor Actor, string Name, IPAddress? Address) : RegistryChange(Actor, Name);
