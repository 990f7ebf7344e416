using System.Net;

namespace BetterDns.Registry;

/// <summary>A change submitted to the one registry writer. Names are relative to the zone origin.</summary>
public abstract record RegistryChange(Actor Actor, string Name);

/// <summary>Add <paramref name="Address"/> to the pool of <paramref name="Name"/> (or refresh it: a reboot re-registers).</summary>
/// <remarks><paramref name="Check"/> and <paramref name="Priority"/> replace the registration's when given; left out, a new one gets none and 0.</remarks>
public sealed record RegisterChange(Actor Actor, string Name, IPAddress Address, uint Ttl, HealthCheck? Check = null, int? Priority = null)
    : RegistryChange(Actor, Name);

/// <summary>
/// Replace the actor's addresses under <paramref name="Name"/> with <paramref name="Addresses"/>
/// (an admin replaces the whole pool).
/// </summary>
public sealed record ReplaceChange(
    Actor Actor, string Name, IReadOnlyList<IPAddress> Addresses, uint Ttl, HealthCheck? Check = null, int? Priority = null)
    : RegistryChange(Actor, Name);

/// <summary>Remove the actor's addresses under <paramref name="Name"/> (an admin: all), or only <paramref name="Address"/>.</summary>
public sealed record RemoveChange(Actor Actor, string Name, IPAddress? Address) : RegistryChange(Actor, Name);

/// <summary>
/// The health checker's verdict on one registration (admins only). Ignored (NotFound) when the
/// registration is gone or its check is no longer <paramref name="Check"/> (it was re-registered meanwhile).
/// </summary>
public sealed record HealthChange(Actor Actor, string Name, IPAddress Address, HealthCheck Check, HealthVerdict Status, string? Reason)
    : RegistryChange(Actor, Name);

/// <summary>
/// Removes a registration that has been critical since <paramref name="CriticalSince"/> (admins only); does
/// nothing (NotFound) when it has passed, entered maintenance or been re-registered since.
/// </summary>
public sealed record DeregisterChange(Actor Actor, string Name, IPAddress Address, DateTimeOffset CriticalSince) : RegistryChange(Actor, Name);

/// <summary>Puts the actor's registrations under the name (an admin: all; or only <paramref name="Address"/>) into or out of maintenance.</summary>
public sealed record MaintenanceChange(Actor Actor, string Name, IPAddress? Address, bool Enabled, string? Reason) : RegistryChange(Actor, Name);
