using BetterDns.Zone.Model;

namespace BetterDns.Registry.Writer;

/// <summary>
/// The operator's records that decide where an address record may live without breaking the zone:
/// CNAME, DNAME and NS owners (no other data beside a CNAME; nothing registered at or below a
/// delegation, where DNS answers with a referral; nothing below a DNAME, which rewrites every name
/// there) and in-zone NS targets (their address is glue, the operator's to give, not a tenant's).
/// Registrations and operator edits are both checked against it, so the zone stays one BIND loads.
/// </summary>
internal sealed class OperatorConstraints
{
    private readonly DomainName _origin;
    private readonly Dictionary<DomainName, RecordType> _exclusive = [];
    private readonly HashSet<DomainName> _delegations = [];
    private readonly HashSet<DomainName> _dnames = [];
    private readonly Dictionary<DomainName, DomainName> _nameServerTargets = [];

    private OperatorConstraints(DomainName origin) => _origin = origin;

    public static OperatorConstraints Of(DomainName origin, IEnumerable<ResourceRecord> operatorRecords)
    {
        var constraints = new OperatorConstraints(origin);
        foreach (var record in operatorRecords)
        {
            constraints.Add(record);
        }

        return constraints;
    }

    private void Add(ResourceRecord record)
    {
        var type = record.Type;
        if (type is not (RecordType.CNAME or RecordType.DNAME or RecordType.NS))
        {
            return;
        }

        var atApex = record.Owner == _origin;
        if (!atApex)
        {
            _exclusive.TryAdd(record.Owner, type);
        }

        if (type == RecordType.DNAME)
        {
            _dnames.Add(record.Owner);
        }
        else if (type == RecordType.NS)
        {
            if (!atApex)
            {
                _delegations.Add(record.Owner);
            }

            if (record.Data is NameData { Target: var target } && target.IsSubdomainOf(_origin))
            {
                _nameServerTargets.TryAdd(target, record.Owner);
            }
        }
    }

    /// <summary>
    /// Why an address record at <paramref name="fqdn"/> would break the zone or never be answered
    /// (naming the operator's record in the way); null when it fits.
    /// </summary>
    public string? ConflictAt(DomainName fqdn)
    {
        if (_exclusive.TryGetValue(fqdn, out var type))
        {
            return $"the zone file has a {type} record at '{Relative(fqdn)}'"
                + (type == RecordType.NS ? " (a delegation: DNS answers there with a referral)" : "");
        }

        return SubtreeConflictAt(fqdn) ?? NameServerConflictAt(fqdn);
    }

    private string? NameServerConflictAt(DomainName fqdn)
    {
        if (!_nameServerTargets.TryGetValue(fqdn, out var delegated))
        {
            return null;
        }

        var of = delegated == _origin ? $"the zone {_origin}" : $"'{Relative(delegated)}'";
        return $"'{Relative(fqdn)}' is a name server of {of} (NS in the zone file), so its address is the zone file's to give";
    }

    private string? SubtreeConflictAt(DomainName fqdn)
    {
        if (_delegations.Count == 0 && _dnames.Count == 0)
        {
            return null;
        }

        for (var above = fqdn.Parent; above.IsSubdomainOf(_origin); above = above.Parent)
        {
            if (_delegations.Contains(above))
            {
                return $"'{Relative(fqdn)}' is below the delegation of '{Relative(above)}' (NS in the zone file), where DNS answers with a referral";
            }

            if (_dnames.Contains(above))
            {
                var at = above == _origin ? $"the zone apex {_origin}" : $"'{Relative(above)}'";
                return $"'{Relative(fqdn)}' is below the DNAME at {at} in the zone file, which rewrites every name below it";
            }

            if (above == _origin)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>
    /// Every registered name these records conflict with, each with the conflict. Only names that can
    /// conflict are looked at unless the records delegate or rename a subtree.
    /// </summary>
    public List<string> ConflictsWith(IEnumerable<DomainName> registeredNames, Func<DomainName, bool> isRegistered)
    {
        var candidates = _delegations.Count == 0 && _dnames.Count == 0
            ? _exclusive.Keys.Concat(_nameServerTargets.Keys).Distinct().Where(isRegistered)
            : registeredNames;
        var conflicts = new List<string>();
        foreach (var name in candidates)
        {
            if (ConflictAt(name) is { } conflict)
            {
                conflicts.Add($"'{Relative(name)}' is registered through the API, but {conflict}");
            }
        }

        return conflicts;
    }

    private string Relative(DomainName name) => name.ToRelativeString(_origin);
}
