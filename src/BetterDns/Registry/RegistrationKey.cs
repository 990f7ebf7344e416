using System.Net;
using BetterDns.Zone.Model;

namespace BetterDns.Registry;

/// <summary>What identifies a registration: the name (compared ignoring case) and the address.</summary>
internal readonly record struct RegistrationKey(DomainName Fqdn, IPAddress Address)
{
    public static RegistrationKey Of(Registration registration) => new(registration.Fqdn, registration.Address);

    /// <summary>The key of an A or AAAA record; null for any other record.</summary>
    public static RegistrationKey? Of(ResourceRecord record) => record.Data switch
    {
        AData a => new RegistrationKey(record.Owner, a.Address),
        AaaaData aaaa => new RegistrationKey(record.Owner, aaaa.Address),
        _ => null,
    };
}
