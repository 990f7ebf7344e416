namespace BetterDns.Auth;

/// <summary>What a token grants: its subject, whether it is an admin, the name patterns of a VM, and how long it lives.</summary>
public sealed record TokenRequest(string Subject, bool IsAdmin, IReadOnlyList<string> NamePatterns, TimeSpan Lifetime)
{
    /// <summary>A VM's addresses and CIDR ranges beyond its caller address (<see cref="BetterDnsClaims.Addresses"/>), in <see cref="AddressList"/> form.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];
}
