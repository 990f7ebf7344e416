using System.Collections.Immutable;
using System.Net;
using BetterDns.Zone.Model;

namespace BetterDns.Registry.Writer;

/// <summary>
/// The meaning of each change and the ownership rule, applied inside the writer so that a check and
/// the change it guards cannot be split by another request.
/// <list type="bullet">
/// <item>Admins may do everything (their own registrations count against no limit).</item>
/// <item>A VM may create a name that matches one of its patterns, unless the zone file has records
/// of its own at that name, or the name's registrations all belong to other owners.</item>
/// <item>A VM may refresh, replace and remove only registrations it owns: an address another owner holds
/// in the pool is never refreshed, taken over or duplicated by it (one owner per address, always).</item>
/// <item>No one registers an address that the zone file itself already holds at that name.</item>
/// <item>No one (admins included) adds an address record where the operator's records make it break the zone
/// or go unanswered (<see cref="OperatorConstraints"/>): Conflict, naming the record in the way.</item>
/// </list>
/// Refused changes carry a reason but no other owner's data.
/// </summary>
internal static class ChangeApplier
{
    public static ChangeOutcome Apply(RegistryChange change, DomainName fqdn, BatchDraft draft, int maxRecordsPerOwner, DateTimeOffset now) =>
        change switch
        {
            RegisterChange register => Register(register, fqdn, draft, maxRecordsPerOwner, now),
            ReplaceChange replace => Replace(replace, fqdn, draft, maxRecordsPerOwner, now),
            RemoveChange remove => Remove(remove, fqdn, draft),
            HealthChange health => HealthRules.SetHealth(health, fqdn, draft, now),
            DeregisterChange deregister => HealthRules.Deregister(deregister, fqdn, draft),
            MaintenanceChange maintenance => HealthRules.SetMaintenance(maintenance, fqdn, draft, now),
            _ => throw new ArgumentException($"unknown change {change.GetType().Name}", nameof(change)),
        };

    private static ChangeOutcome Register(RegisterChange change, DomainName fqdn, BatchDraft draft, int max, DateTimeOffset now)
    {
        var actor = change.Actor;
        var pool = draft.Find(fqdn);
        if (MayNotWrite(actor, change.Name, fqdn, pool, draft) is { } refused)
        {
            return refused;
        }

        if (draft.State.IsOperatorAddress(new RegistrationKey(fqdn, change.Address)))
        {
            return Forbidden($"the zone file already has {change.Address} at '{change.Name}' as an operator record");
        }

        var index = IndexOf(pool, change.Address);
        if (index >= 0 && !actor.IsAdmin && pool[index].Owner != actor.Subject)
        {
            return Forbidden($"{change.Address} at '{change.Name}' is registered by another owner; a token refreshes only its own addresses");
        }

        if (index >= 0)
        {
            var refreshed = pool[index] with
            {
                Ttl = change.Ttl,
                UpdatedAt = now,
                Check = change.Check ?? pool[index].Check,
                Priority = change.Priority ?? pool[index].Priority,
            };
            pool = pool.SetItem(index, refreshed);
            draft.Set(fqdn, pool);
            return new ChangeOutcome(ChangeStatus.Updated, pool);
        }

        if (!actor.IsAdmin && draft.CountOwnedBy(actor.Subject) >= max)
        {
            return LimitReached(max);
        }

        pool = pool.Add(New(change.Name, fqdn, change.Address, change.Ttl, actor.Subject, now) with
        {
            Check = change.Check ?? HealthCheck.None,
            Priority = change.Priority ?? 0,
        });
        draft.Set(fqdn, pool);
        return new ChangeOutcome(ChangeStatus.Created, pool);
    }

    /// <summary>
    /// The actor's set under the name becomes exactly the given addresses (an admin's: the whole pool).
    /// Addresses that stay keep their owner and creation time and are refreshed. With nothing to replace,
    /// a non-empty list creates (Created, as PUT may); an empty list with nothing to replace is NotFound;
    /// an empty list otherwise removes the actor's set.
    /// </summary>
    private static ChangeOutcome Replace(ReplaceChange change, DomainName fqdn, BatchDraft draft, int max, DateTimeOffset now)
    {
        var actor = change.Actor;
        var pool = draft.Find(fqdn);
        var addresses = change.Addresses.Distinct().ToList();
        if (MayNotWrite(actor, change.Name, fqdn, pool, draft, adding: addresses.Count > 0) is { } refused)
        {
            return refused;
        }

        var mine = pool.Where(r => actor.IsAdmin || r.Owner == actor.Subject).ToList();
        if (mine.Count == 0 && addresses.Count == 0)
        {
            return NotFound($"'{change.Name}' has no registrations of yours to replace");
        }

        // The others' members stay as they are, so listing one of their addresses would put it in the pool twice.
        if (addresses.FirstOrDefault(a => pool.Any(r => r.Address.Equals(a) && !mine.Contains(r))) is { } theirs)
        {
            return Forbidden($"{theirs} at '{change.Name}' is registered by another owner; a token replaces only its own addresses");
        }

        if (addresses.FirstOrDefault(a => draft.State.IsOperatorAddress(new RegistrationKey(fqdn, a))) is { } taken)
        {
            return Forbidden($"the zone file already has {taken} at '{change.Name}' as an operator record");
        }

        if (!actor.IsAdmin && draft.CountOwnedBy(actor.Subject) - mine.Count + addresses.Count > max)
        {
            return LimitReached(max);
        }

        var builder = pool.Where(r => !mine.Contains(r)).ToImmutableArray().ToBuilder();
        foreach (var address in addresses)
        {
            var existing = mine.FirstOrDefault(r => r.Address.Equals(address));
            builder.Add(existing is null
                ? New(change.Name, fqdn, address, change.Ttl, actor.Subject, now) with
                {
                    Check = change.Check ?? HealthCheck.None,
                    Priority = change.Priority ?? 0,
                }
                : existing with
                {
                    Ttl = change.Ttl,
                    UpdatedAt = now,
                    Check = change.Check ?? existing.Check,
                    Priority = change.Priority ?? existing.Priority,
                });
        }

        pool = builder.ToImmutable();
        draft.Set(fqdn, pool);
        return new ChangeOutcome(mine.Count == 0 ? ChangeStatus.Created : ChangeStatus.Updated, pool);
    }

    /// <summary>Removes one address, or every registration of the actor under the name (an admin's: all).</summary>
    private static ChangeOutcome Remove(RemoveChange change, DomainName fqdn, BatchDraft draft)
    {
        var actor = change.Actor;
        var pool = draft.Find(fqdn);
        List<Registration> doomed;
        if (change.Address is { } address)
        {
            var index = IndexOf(pool, address);
            if (index < 0)
            {
                return NotFound($"'{change.Name}' has no registration for {address}");
            }

            if (!actor.IsAdmin && pool[index].Owner != actor.Subject)
            {
                return Forbidden($"{address} at '{change.Name}' is registered by another owner");
            }

            doomed = [pool[index]];
        }
        else
        {
            doomed = [.. pool.Where(r => actor.IsAdmin || r.Owner == actor.Subject)];
            if (doomed.Count == 0)
            {
                return pool.IsEmpty
                    ? NotFound($"'{change.Name}' has no registrations"
                        + (draft.State.HasOperatorRecords(fqdn) ? "; its records in the zone file are changed by editing that file" : ""))
                    : Forbidden($"'{change.Name}' is registered by another owner");
            }
        }

        pool = pool.RemoveRange(doomed);
        draft.Set(fqdn, pool);
        return new ChangeOutcome(ChangeStatus.Updated, pool);
    }

    private static ChangeOutcome? MayNotWrite(
        Actor actor, string name, DomainName fqdn, ImmutableArray<Registration> pool, BatchDraft draft, bool adding = true)
    {
        if (!actor.IsAdmin && !NamePattern.AnyMatch(actor.NamePatterns, name))
        {
            return Forbidden(actor.NamePatterns.Count == 0
                ? $"your token allows no names, so '{name}' cannot be registered"
                : $"'{name}' does not match the name patterns of your token ({string.Join(", ", actor.NamePatterns)})");
        }

        if (adding && draft.State.ZoneConflictAt(fqdn) is { } conflict)
        {
            return new ChangeOutcome(ChangeStatus.Conflict, [],
                $"'{name}' cannot hold an address record: {conflict}; the operator changes that by editing the zone file");
        }

        if (actor.IsAdmin)
        {
            return null;
        }

        if (draft.State.HasOperatorRecords(fqdn))
        {
            return Forbidden($"'{name}' is defined by an operator in the zone file and cannot be registered through the API");
        }

        if (!pool.IsEmpty && pool.All(r => r.Owner != actor.Subject))
        {
            return Forbidden($"'{name}' is registered by another owner");
        }

        return null;
    }

    internal static int IndexOf(ImmutableArray<Registration> pool, IPAddress address)
    {
        for (var i = 0; i < pool.Length; i++)
        {
            if (pool[i].Address.Equals(address))
            {
                return i;
            }
        }

        return -1;
    }

    private static Registration New(string name, DomainName fqdn, IPAddress address, uint ttl, string owner, DateTimeOffset now) => new()
    {
        Name = name,
        Fqdn = fqdn,
        Address = address,
        Ttl = ttl,
        Owner = owner,
        CreatedAt = now,
        UpdatedAt = now,
        Health = new HealthState(HealthVerdict.Passing, now, null),
    };

    internal static ChangeOutcome Forbidden(string reason) => new(ChangeStatus.Forbidden, [], reason);

    internal static ChangeOutcome NotFound(string reason) => new(ChangeStatus.NotFound, [], reason);

    private static ChangeOutcome LimitReached(int max) =>
        new(ChangeStatus.LimitReached, [], $"an owner may hold at most {max} registrations; remove some first");
}
