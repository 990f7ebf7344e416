using System.Text.Json;

namespace BetterDns.Registry.Storage;

/// <summary>
/// A registration's check, priority and health in <c>registrations.json</c>: <c>"priority"</c>,
/// <c>"check"</c> (left out for none) and <c>"health"</c> objects (left out for an unchecked passing
/// record). Files written before health checks have none of them and read as unchecked, passing since
/// creation, priority 0.
/// </summary>
internal static class HealthJson
{
    public static void Write(Utf8JsonWriter json, Registration r)
    {
        if (r.Priority != 0)
        {
            json.WriteNumber("priority", r.Priority);
        }

        var c = r.Check;
        if (c.Kind != CheckKind.None)
        {
            json.WriteStartObject("check");
            json.WriteString("kind", c.Kind.ToString());
            json.WriteNumber("port", c.Port);
            json.WriteString("path", c.Path);
            WriteOptional(json, "host", c.Host);
            WriteOptional(json, "expect", c.Expect);
            WriteOptional(json, "executable", c.Executable);
            json.WriteNumber("intervalTicks", c.Interval.Ticks);
            json.WriteNumber("timeoutTicks", c.Timeout.Ticks);
            json.WriteNumber("failuresBeforeCritical", c.FailuresBeforeCritical);
            json.WriteNumber("successesBeforePassing", c.SuccessesBeforePassing);
            if (c.DeregisterAfter is { } deregister)
            {
                json.WriteNumber("deregisterAfterTicks", deregister.Ticks);
            }

            json.WriteEndObject();
        }

        var h = r.Health;
        if (c.Kind == CheckKind.None && h is { Status: HealthVerdict.Passing, Reason: null, Maintenance: false })
        {
            // The usual unchecked record: left out to keep large files small (read back as passing since creation).
            return;
        }

        json.WriteStartObject("health");
        json.WriteString("status", h.Status.ToString());
        json.WriteString("since", h.Since);
        WriteOptional(json, "reason", h.Reason);
        if (h.Maintenance)
        {
            json.WriteBoolean("maintenance", true);
            WriteOptional(json, "maintenanceReason", h.MaintenanceReason);
        }

        json.WriteEndObject();
    }

    /// <summary>Reads the value after <paramref name="property"/> if it is one of ours; false for other properties.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, string property, ref Registration registration)
    {
        switch (property)
        {
            case "priority":
                reader.Read();
                registration = registration with { Priority = reader.GetInt32() };
                return true;
            case "check":
                reader.Read();
                registration = registration with { Check = ReadCheck(ref reader) };
                return true;
            case "health":
                reader.Read();
                registration = registration with { Health = ReadHealth(ref reader) };
                return true;
            default:
                return false;
        }
    }

    private static HealthCheck ReadCheck(ref Utf8JsonReader reader)
    {
        var check = HealthCheck.None;
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            check = name switch
            {
                "kind" => check with { Kind = Enum.Parse<CheckKind>(reader.GetString()!) },
                "port" => check with { Port = reader.GetInt32() },
                "path" => check with { Path = reader.GetString()! },
                "host" => check with { Host = reader.GetString() },
                "expect" => check with { Expect = reader.GetString() },
                "executable" => check with { Executable = reader.GetString() },
                "intervalTicks" => check with { Interval = TimeSpan.FromTicks(reader.GetInt64()) },
                "timeoutTicks" => check with { Timeout = TimeSpan.FromTicks(reader.GetInt64()) },
                "failuresBeforeCritical" => check with { FailuresBeforeCritical = reader.GetInt32() },
                "successesBeforePassing" => check with { SuccessesBeforePassing = reader.GetInt32() },
                "deregisterAfterTicks" => check with { DeregisterAfter = TimeSpan.FromTicks(reader.GetInt64()) },
                _ => Skip(ref reader, check),
            };
        }

        return check;
    }

    private static HealthState ReadHealth(ref Utf8JsonReader reader)
    {
        var health = new HealthState(HealthVerdict.Passing, DateTimeOffset.MinValue, null);
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            health = name switch
            {
                "status" => health with { Status = Enum.Parse<HealthVerdict>(reader.GetString()!) },
                "since" => health with { Since = reader.GetDateTimeOffset() },
                "reason" => health with { Reason = reader.GetString() },
                "maintenance" => health with { Maintenance = reader.GetBoolean() },
                "maintenanceReason" => health with { MaintenanceReason = reader.GetString() },
                _ => Skip(ref reader, health),
            };
        }

        return health;
    }

    private static T Skip<T>(ref Utf8JsonReader reader, T value)
    {
        reader.Skip();
        return value;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new InvalidDataException($"expected {type}, found {reader.TokenType}");
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
