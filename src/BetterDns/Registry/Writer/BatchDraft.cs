using System.Collections.Immutable;
using BetterDns.Registry.Journal;
using BetterDns.Zone.Model;

namespace BetterDns.Registry.Writer;

/// <summary>
/// The pools one batch has changed so far, laid over the committed <see cref="RegistryState"/>.
/// Later changes in a batch see earlier ones; if the batch cannot be made durable the draft is
/// simply dropped and the committed state was never touched.
/// </summary>
internal sealed class BatchDraft(RegistryState state)
{
    private readonly Dictionary<DomainName, ImmutableArray<Registration>> _touched = [];
    private readonly Dictionary<string, int> _ownerDelta = new(StringComparer.Ordinal);

    public RegistryState State => state;

    public IReadOnlyDictionary<DomainName, ImmutableArray<Registration>> Touched => _touched;

    public ImmutableArray<Registration> Find(DomainName fqdn) =>
        _touched.TryGetValue(fqdn, out var pool) ? pool : state.Find(fqdn);

    public int CountOwnedBy(string owner) => state.CountOwnedBy(owner) + _ownerDelta.GetValueOrDefault(owner);

    /// <exception cref="InvalidOperationException">The pool holds an address twice (a bug in a rule: the key is (name, address)).</exception>
    public void Set(DomainName fqdn, ImmutableArray<Registration> pool)
    {
        if (pool.Length > 1 && pool.Select(r => r.Address).Distinct().Count() != pool.Length)
        {
            // Journal replay and the metadata file key by (name, address): a duplicate would come back as one
            // row with either owner, so the state after a restart would differ from what was acknowledged.
            throw new InvalidOperationException($"a change would put one address twice under {fqdn}");
        }

        foreach (var r in Find(fqdn))
        {
            _ownerDelta[r.Owner] = _ownerDelta.GetValueOrDefault(r.Owner) - 1;
        }

        foreach (var r in pool)
        {
            _ownerDelta[r.Owner] = _ownerDelta.GetValueOrDefault(r.Owner) + 1;
        }

        _touched[fqdn] = pool;
    }

    /// <summary>The batch as blind writes against the committed state: what the journal records.</summary>
    public List<RegistrationOp> ToOps()
    {
        var ops = new List<RegistrationOp>();
        foreach (var (fqdn, after) in _touched)
        {
            var before = state.Find(fqdn);
            foreach (var now in after)
            {
                var old = before.FirstOrDefault(r => r.Address.Equals(now.Address));
                if (old is null || !old.Equals(now))
                {
                    ops.Add(new UpsertOp(now));
                }
            }

            foreach (var old in before)
            {
                if (after.All(r => !r.Address.Equals(old.Address)))
                {
                    ops.Add(new DeleteOp(old.Name, old.Address));
                }
            }
        }

        return ops;
    }
}
