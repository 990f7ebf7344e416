using BetterDns.Zone.Model;

namespace BetterDns.Registry;

/// <summary>
/// What changed in the zone from one snapshot to a later one, read off the change chain: the names whose
/// served records may differ, and whether the apex SOA or the operator's records changed on the way.
/// </summary>
internal sealed record ZoneChangesBetween(HashSet<DomainName> Names, bool SoaChanged, bool OperatorRecordsChanged)
{
    /// <summary>True when nothing a record shows changed (e.g. only sync statuses): the same answers.</summary>
    public bool IsEmpty => Names.Count == 0 && !SoaChanged && !OperatorRecordsChanged;

    /// <summary>Walks from <paramref name="from"/>'s node to <paramref name="to"/>'s in O(changes); null when the chain does not lead there.</summary>
    public static ZoneChangesBetween? Of(RegistrySnapshot from, RegistrySnapshot to)
    {
        if (from.Changes is not { } node || to.Changes is not { } last)
        {
            return null;
        }

        var names = new HashSet<DomainName>();
        var soaChanged = false;
        var operatorChanged = false;
        while (!ReferenceEquals(node, last))
        {
            node = node.Next;
            if (node is null)
            {
                return null;
            }

            names.UnionWith(node.Names);
            soaChanged |= node.SoaChanged;
            operatorChanged |= node.OperatorRecordsChanged;
        }

        return new ZoneChangesBetween(names, soaChanged, operatorChanged);
    }
}
