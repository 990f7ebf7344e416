namespace BetterDns.Auth;

/// <summary>The claims a BetterDns token carries, with the names they have inside the JWT.</summary>
public static class BetterDnsClaims
{
    /// <summary>The owner of everything the token registers.</summary>
    public const string Subject = "sub";

    /// <summary><see cref="Roles.Admin"/> or <see cref="Roles.Vm"/>; a token without one is a VM.</summary>
    public const string Role = "role";

    /// <summary>Name patterns a VM may register ("web-*"): one claim per pattern, or a JSON array.</summary>
    public const string Names = "names";

    /// <summary>
    /// Addresses and CIDR ranges ("10.0.0.5", "10.0.1.0/24") a VM may register besides the address its
    /// requests come from: one claim per entry, or a JSON array.
    /// </summary>
    public const string Addresses = "ips";

    public static class Roles
    {
        public const string Admin = "admin";
        public const string Vm = "vm";
    }
}
