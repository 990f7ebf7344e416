namespace BetterDns.Reliability.TenantIsolation;

/// <summary>
/// The operator's side of the property test: a hand-written zone file whose records stand in the way of
/// registrations in every way the service must refuse (CNAME, delegation, DNAME, name server target),
/// plus harmless TXT. At most one record per slot, so the operator's records never conflict with each
/// other (that is the zone checker's business, not the ownership rule's).
/// </summary>
public sealed class OperatorZone(int slots)
{
    public enum Kind
    {
        Cname,
        Delegation,
        Dname,
        NameServerTarget,
        Txt,
    }

    private readonly Kind?[] _slots = new Kind?[slots];

    public static string SlotName(int slot) => $"t-{slot}";

    public Kind? this[int slot] => _slots[slot];

    /// <summary>The zone with <paramref name="slot"/> set to <paramref name="kind"/> (null: emptied), not yet applied.</summary>
    public OperatorZone With(int slot, Kind? kind)
    {
        var next = new OperatorZone(_slots.Length);
        _slots.CopyTo(next._slots, 0);
        next._slots[slot] = kind;
        return next;
    }

    /// <summary>The whole file as an operator would write it: API registrations left out (the service keeps them anyway).</summary>
    public string Text(uint serial)
    {
        var lines = new List<string>
        {
            "$ORIGIN cluster.internal.",
            "$TTL 300",
            $"@ 3600 IN SOA ns1 hostmaster {serial} 3600 600 1209600 60",
            "@ 3600 IN NS ns1",
            "ns1 3600 IN A 127.0.0.1",
        };
        for (var slot = 0; slot < _slots.Length; slot++)
        {
            var name = SlotName(slot);
            lines.Add(_slots[slot] switch
            {
                Kind.Cname => $"{name} 300 IN CNAME www.elsewhere.example.",
                Kind.Delegation => $"{name} 300 IN NS ns.elsewhere.example.",
                Kind.Dname => $"{name} 300 IN DNAME elsewhere.example.",
                Kind.NameServerTarget => $"delegated-{slot} 300 IN NS {name}.cluster.internal.",
                Kind.Txt => $"{name} 300 IN TXT \"operator notes\"",
                _ => "",
            });
        }

        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The slots' records as <see cref="Infrastructure.ZoneFileCheck.OwnersAndTypesAsync"/> lists them, sorted.</summary>
    public List<string> OwnersAndTypes() =>
        [.. Enumerable.Range(0, _slots.Length).Where(slot => _slots[slot] is not null).Select(slot => _slots[slot] switch
        {
            Kind.Cname => $"{SlotName(slot)} CNAME",
            Kind.Delegation => $"{SlotName(slot)} NS",
            Kind.Dname => $"{SlotName(slot)} DNAME",
            Kind.NameServerTarget => $"delegated-{slot} NS",
            _ => $"{SlotName(slot)} TXT",
        }).Order(StringComparer.Ordinal)];

    /// <summary>Of a zone's "owner TYPE" lines, those the slots can hold (the apex NS is not one).</summary>
    public static List<string> SlotRecordsOf(IEnumerable<string> ownersAndTypes) =>
        [.. ownersAndTypes.Where(line => line.EndsWith(" CNAME", StringComparison.Ordinal) || line.EndsWith(" DNAME", StringComparison.Ordinal)
            || line.EndsWith(" TXT", StringComparison.Ordinal) || (line.EndsWith(" NS", StringComparison.Ordinal) && !line.StartsWith("@ ", StringComparison.Ordinal)))];

    /// <summary>
    /// Whether an address record at <paramref name="name"/> (relative, lower case) would conflict with these
    /// records: the oracle, written apart from the service's rule.
    /// </summary>
    public bool ConflictsWith(string name)
    {
        for (var slot = 0; slot < _slots.Length; slot++)
        {
            var owner = SlotName(slot);
            var atOwner = name == owner;
            var below = name.EndsWith("." + owner, StringComparison.Ordinal);
            var conflict = _slots[slot] switch
            {
                Kind.Cname or Kind.NameServerTarget => atOwner,
                Kind.Delegation or Kind.Dname => atOwner || below,
                _ => false,
            };
            if (conflict)
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() =>
        string.Join(' ', _slots.Select((kind, slot) => $"{SlotName(slot)}={kind?.ToString() ?? "-"}"));
}
