using BetterDns.Zone.Model;

namespace BetterDns.Registry.Writer;

/// <summary>
/// Health changes applied inside the writer: the checker's verdicts and deregistrations (admins only,
/// and only while the registration is still the one that was checked), and maintenance (owner or admin).
/// </summary>
internal static class HealthRules
{
    public static ChangeOutcome SetHealth(HealthChange change, DomainName fqdn, BatchDraft draft, DateTimeOffset now)
    {
        if (!change.Actor.IsAdmin)
        {
            return ChangeApplier.Forbidden("only the health checker (an admin) records check results");
        }

        var pool = draft.Find(fqdn);
        var index = ChangeApplier.IndexOf(pool, change.Address);
        if (index < 0 || pool[index].Check != change.Check)
        {
            return ChangeApplier.NotFound($"'{change.Name}' has no registration for {change.Address} with that check");
        }

        var current = pool[index];
        if (current.Health.Status == change.Status && current.Health.Reason == change.Reason)
        {
            return new ChangeOutcome(ChangeStatus.Updated, pool);
        }

        var since = current.Health.Status == change.Status ? current.Health.Since : now;
        pool = pool.SetItem(index, current with { Health = current.Health with { Status = change.Status, Since = since, Reason = change.Reason } });
        draft.Set(fqdn, pool);
        return new ChangeOutcome(ChangeStatus.Updated, pool);
    }

    public static ChangeOutcome Deregister(DeregisterChange change, DomainName fqdn, BatchDraft draft)
    {
        if (!change.Actor.IsAdmin)
        {
            return ChangeApplier.Forbidden("only the health checker (an admin) deregisters critical registrations");
        }

        var pool = draft.Find(fqdn);
        var index = ChangeApplier.IndexOf(pool, change.Address);
        if (index < 0 || pool[index].Health is not { Status: HealthVerdict.Critical, Maintenance: false } health || health.Since != change.CriticalSince)
        {
            return ChangeApplier.NotFound($"'{change.Name}' has no registration for {change.Address} critical since {change.CriticalSince:O}");
        }

        pool = pool.RemoveAt(index);
        draft.Set(fqdn, pool);
        return new ChangeOutcome(ChangeStatus.Updated, pool);
    }

    public static ChangeOutcome SetMaintenance(MaintenanceChange change, DomainName fqdn, BatchDraft draft, DateTimeOffset now)
    {
        var actor = change.Actor;
        var pool = draft.Find(fqdn);
        var targets = pool.Where(r => (change.Address is null || r.Address.Equals(change.Address)) && (actor.IsAdmin || r.Owner == actor.Subject)).ToList();
        if (targets.Count == 0)
        {
            var any = pool.Any(r => change.Address is null || r.Address.Equals(change.Address));
            return any
                ? ChangeApplier.Forbidden($"'{change.Name}' is registered by another owner")
                : ChangeApplier.NotFound(change.Address is null
                    ? $"'{change.Name}' has no registrations"
                    : $"'{change.Name}' has no registration for {change.Address}");
        }

        var reason = change.Enabled ? change.Reason : null;
        var builder = pool.ToBuilder();
        for (var i = 0; i < builder.Count; i++)
        {
            if (targets.Contains(builder[i]))
            {
                builder[i] = builder[i] with
                {
                    UpdatedAt = now,
                    Health = builder[i].Health with { Maintenance = change.Enabled, MaintenanceReason = reason },
                };
            }
        }

        pool = builder.ToImmutable();
        draft.Set(fqdn, pool);
        return new ChangeOutcome(ChangeStatus.Updated, pool);
    }
}
