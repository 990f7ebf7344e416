namespace BetterDns.Auth;

/// <summary>Authorization policy names used by the endpoint groups.</summary>
public static class Policies
{
    /// <summary>Any valid token with a known role (admin or vm).</summary>
    public const string Registrant = "registrant";

    /// <summary>Only tokens with role admin.</summary>
    public const string Admin = "admin";

    /// <summary>Reads: like <see cref="Registrant"/>, or anyone when Auth:AllowAnonymousReads is set.</summary>
    public const string Reader = "reader";
}
