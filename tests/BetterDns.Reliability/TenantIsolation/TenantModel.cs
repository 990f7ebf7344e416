namespace BetterDns.Reliability.TenantIsolation;

/// <summary>
/// What the clients were told: every 2xx changes it the way the route promises, nothing else does. The
/// service's state (GET /a, as owners and maintenance) must equal it at every step and after every restart.
/// </summary>
public sealed class TenantModel
{
    private readonly SortedDictionary<(string Name, string Ip), Member> _members = [];

    public sealed record Member(string Owner, bool Maintenance, int Ttl);

    /// <summary>The owner of the address under the name, or null.</summary>
    public string? OwnerOf(string name, string ip) => _members.GetValueOrDefault((name, ip))?.Owner;

    public IEnumerable<string> Names => _members.Keys.Select(k => k.Name).Distinct();

    /// <summary>A new member is the actor's; an existing one keeps its owner and maintenance and takes the TTL.</summary>
    public void Registered(string actor, string name, string ip, int ttl) =>
        _members[(name, ip)] = _members.TryGetValue((name, ip), out var member) ? member with { Ttl = ttl } : new Member(actor, false, ttl);

    /// <summary>The actor's addresses under the name (an admin's: all) become exactly <paramref name="ips"/>.</summary>
    public void Replaced(string actor, bool admin, string name, IReadOnlyCollection<string> ips, int ttl)
    {
        foreach (var key in Keys(name, actor, admin, ip: null).Where(k => !ips.Contains(k.Ip)))
        {
            _members.Remove(key);
        }

        foreach (var ip in ips)
        {
            Registered(actor, name, ip, ttl);
        }
    }

    public void Removed(string actor, bool admin, string name, string? ip)
    {
        foreach (var key in Keys(name, actor, admin, ip))
        {
            _members.Remove(key);
        }
    }

    public void Maintained(string actor, bool admin, string name, string? ip, bool enabled)
    {
        foreach (var key in Keys(name, actor, admin, ip))
        {
            _members[key] = _members[key] with { Maintenance = enabled };
        }
    }

    /// <summary>One line per member, "name ip owner ttl [maintenance]", sorted: comparable with what the service lists.</summary>
    public List<string> Lines() =>
        [.. _members.Select(m => Line(m.Key.Name, m.Key.Ip, m.Value.Owner, m.Value.Ttl, m.Value.Maintenance)).Order(StringComparer.Ordinal)];

    /// <summary>The members DNS serves (no checks are registered, so all but those in maintenance), by name.</summary>
    public Dictionary<string, string[]> Served(IEnumerable<string> names) =>
        names.ToDictionary(
            name => name,
            name => _members.Where(m => m.Key.Name == name && !m.Value.Maintenance).Select(m => m.Key.Ip).Order(StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);

    public static string Line(string name, string ip, string owner, int ttl, bool maintenance) =>
        $"{name} {ip} {owner} {ttl}" + (maintenance ? " maintenance" : "");

    /// <summary>The members of other owners under names where <paramref name="actor"/> holds one too: a hostile VM's best targets.</summary>
    public List<(string Name, string Ip)> TargetsFor(string actor) =>
        [.. _members.Where(m => m.Value.Owner != actor && _members.Any(o => o.Key.Name == m.Key.Name && o.Value.Owner == actor)).Select(m => m.Key)];

    private List<(string Name, string Ip)> Keys(string name, string actor, bool admin, string? ip) =>
        [.. _members.Where(m => m.Key.Name == name && (ip is null || m.Key.Ip == ip) && (admin || m.Value.Owner == actor)).Select(m => m.Key)];
}
