using System.Net;

namespace BetterDns.Registry.Journal;

/// <summary>
/// One effect of a committed batch on the registrations, stated as a blind write so that replaying
/// it again (after a crash between checkpoint and journal cleanup) changes nothing.
/// </summary>
internal abstract record RegistrationOp;

/// <summary>The registration with this (name, address) key is now exactly <paramref name="Registration"/>.</summary>
internal sealed record UpsertOp(Registration Registration) : RegistrationOp;

/// <summary>No registration with this (name, address) key exists any more.</summary>
internal sealed record DeleteOp(string Name, IPAddress Address) : RegistrationOp;
