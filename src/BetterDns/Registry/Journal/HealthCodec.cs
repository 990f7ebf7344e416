
namespace BetterDns.Registry.Journal;

/// <summary>A registration's check, priority and health in the journal's binary form.</summary>
internal static class HealthCodec
{
    public static void Write(BinaryWriter w, Registration r)
    {
        var c = r.Check;
        w.Write((byte)c.Kind);
        w.Write(c.Port);
        w.Write(c.Path);
        WriteOptional(w, c.Host);
        WriteOptional(w, c.Expect);
        WriteOptional(w, c.Executable);
        w.Write(c.Interval.Ticks);
        w.Write(c.Timeout.Ticks);
        w.Write(c.FailuresBeforeCritical);
        w.Write(c.SuccessesBeforePassing);
        w.Write(c.DeregisterAfter?.Ticks ?? -1);
        w.Write(r.Priority);
        var h = r.Health;
        w.Write((byte)h.Status);
        w.Write(h.Since.UtcTicks);
        WriteOptional(w, h.Reason);
        w.Write(h.Maintenance);
        WriteOptional(w, h.MaintenanceReason);
    }

    public static Registration Read(BinaryReader r, Registration registration)
    {
        var kind = (CheckKind)r.ReadByte();
        if (!Enum.IsDefined(kind))
        {
            throw new FormatException($"unknown check kind {(int)kind}");
        }

        var check = new HealthCheck(
            kind,
            r.ReadInt32(),
            r.ReadString(),
            ReadOptional(r),
            ReadOptional(r),
            ReadOptional(r),
            TimeSpan.FromTicks(r.ReadInt64()),
            TimeSpan.FromTicks(r.ReadInt64()),
            r.ReadInt32(),
            r.ReadInt32(),
            r.ReadInt64() is var deregister and >= 0 ? TimeSpan.FromTicks(deregister) : null);
        var priority = r.ReadInt32();
        var status = (HealthVerdict)r.ReadByte();
        var since = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        var reason = ReadOptional(r);
        var maintenance = r.ReadBoolean();
        var maintenanceReason = ReadOptional(r);
        return registration with
        {
            Check = kind == CheckKind.None ? HealthCheck.None : check,
            Priority = priority,
            Health = new HealthState(status, since, reason, maintenance, maintenanceReason),
        };
    }

    private static void WriteOptional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
        {
            w.Write(value);
        }
    }

    private static string? ReadOptional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
