using System.Net;

namespace BetterDns.Registry;

/// <summary>
/// From the DNS controller's sync verifier: the driven DNS server was seen answering
/// <paramref name="Addresses"/> under <paramref name="Name"/>, so those registrations go from PENDING to
/// INSYNC. Only admins (the controller submits as <c>Actor.Admin("dns-controller")</c>) may send it; it
/// changes nothing but <see cref="Registration.Sync"/>, and addresses no longer registered are ignored.
/// </summary>
public sealed record MarkInSyncChange(Actor Actor, string Name, IReadOnlyList<IPAddress> Addresses) : RegistryChange(Actor, Name);
