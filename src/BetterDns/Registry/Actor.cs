namespace BetterDns.Registry;

/// <summary>
/// Who asks for a change: the token's subject, whether it is an admin, and for VMs the name patterns
/// ("web-*") it may register. The registry applies the ownership rule inside the writer, so a check
/// and the change it guards can never be split by another request.
/// </summary>
public sealed record Actor(string Subject, bool IsAdmin, IReadOnlyList<string> NamePatterns)
{
    public static Actor Admin(string subject) => new(subject, true, ["*"]);
}
