using System.Net;
using System.Text.Json;
using BetterDns.Zone.Model;

namespace BetterDns.Registry.Storage;

/// <summary>
/// <c>registrations.json</c> in the data directory: who registered what and when, for every A record
/// the API manages. The zone file holds the records themselves; this file tells them apart from the
/// operator's records and keeps owners and timestamps that a zone file has no room for.
/// Written and read with the streaming JSON writer/reader: at 100,000 registrations (~16 MB) a
/// checkpoint must not build an object graph first.
/// </summary>
/// <example>
/// <code>{"format":1,"origin":"cluster.internal.","zoneSerial":2026112601,"registrations":[
///   {"name":"web-1","ip":"10.0.0.5","ttl":60,"owner":"vm-1","createdAt":"…","updatedAt":"…"}]}</code>
/// </example>
internal static class RegistrationFile
{
    public const string FileName = "registrations.json";

    private const int CurrentFormat = 1;

    private static readonly JsonEncodedText Format = JsonEncodedText.Encode("format");
    private static readonly JsonEncodedText Origin = JsonEncodedText.Encode("origin");
    private static readonly JsonEncodedText ZoneSerial = JsonEncodedText.Encode("zoneSerial");
    private static readonly JsonEncodedText Registrations = JsonEncodedText.Encode("registrations");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Ip = JsonEncodedText.Encode("ip");
    private static readonly JsonEncodedText Ttl = JsonEncodedText.Encode("ttl");
    private static readonly JsonEncodedText Owner = JsonEncodedText.Encode("owner");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    public static void Write(string path, DomainName origin, uint zoneSerial, IEnumerable<Registration> registrations) =>
        DurableFile.Replace(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream);
            Span<char> ip = stackalloc char[64];
            json.WriteStartObject();
            json.WriteNumber(Format, CurrentFormat);
            json.WriteString(Origin, origin.Value);
            json.WriteNumber(ZoneSerial, zoneSerial);
            json.WriteStartArray(Registrations);
            foreach (var r in registrations)
            {
                json.WriteStartObject();
                json.WriteString(Name, r.Name);
                r.Address.TryFormat(ip, out var length);
                json.WriteString(Ip, ip[..length]);
                json.WriteNumber(Ttl, r.Ttl);
                json.WriteString(Owner, r.Owner);
                json.WriteString(CreatedAt, r.CreatedAt);
                json.WriteString(UpdatedAt, r.UpdatedAt);
                HealthJson.Write(json, r);
                json.WriteEndObject();
                if (json.BytesPending > 1 << 16)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    /// <summary>The registrations in the file, or none when there is no file yet.</summary>
    /// <exception cref="InvalidDataException">The file is not a registration file of this zone.</exception>
    public static List<Registration> Read(string path, DomainName origin)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return Parse(File.ReadAllBytes(path), origin);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private static List<Registration> Parse(ReadOnlySpan<byte> utf8, DomainName origin)
    {
        var reader = new Utf8JsonReader(utf8);
        var result = new List<Registration>();
        int? format = null;
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(Format.EncodedUtf8Bytes))
            {
                Next(ref reader);
                format = reader.GetInt32();
            }
            else if (reader.ValueTextEquals(Origin.EncodedUtf8Bytes))
            {
                Next(ref reader);
                var saved = DomainName.Parse(reader.GetString()!);
                if (saved != origin)
                {
                    throw new InvalidDataException(
                        $"the file holds registrations of zone '{saved}' but the configured Zone:Origin is '{origin}'");
                }
            }
            else if (reader.ValueTextEquals(Registrations.EncodedUtf8Bytes))
            {
                Expect(ref reader, JsonTokenType.StartArray);
                while (Next(ref reader) == JsonTokenType.StartObject)
                {
                    result.Add(ReadRegistration(ref reader, origin));
                }
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        if (format != CurrentFormat)
        {
            throw new InvalidDataException($"unknown format {format?.ToString() ?? "(none)"}");
        }

        return result;
    }

    private static Registration ReadRegistration(ref Utf8JsonReader reader, DomainName origin)
    {
        string? name = null, owner = null;
        IPAddress? address = null;
        uint ttl = 0;
        DateTimeOffset created = default, updated = default;
        var health = new Registration { Name = "", Fqdn = origin, Address = IPAddress.None, Ttl = 0, Owner = "", CreatedAt = default, UpdatedAt = default };
        Span<char> text = stackalloc char[64];
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(Name.EncodedUtf8Bytes))
            {
                Next(ref reader);
                name = reader.GetString();
            }
            else if (reader.ValueTextEquals(Ip.EncodedUtf8Bytes))
            {
                Next(ref reader);
                var length = reader.CopyString(text);
                address = IPAddress.Parse(text[..length]);
            }
            else if (reader.ValueTextEquals(Ttl.EncodedUtf8Bytes))
            {
                Next(ref reader);
                ttl = reader.GetUInt32();
            }
            else if (reader.ValueTextEquals(Owner.EncodedUtf8Bytes))
            {
                Next(ref reader);
                owner = reader.GetString();
            }
            else if (reader.ValueTextEquals(CreatedAt.EncodedUtf8Bytes))
            {
                Next(ref reader);
                created = reader.GetDateTimeOffset();
            }
            else if (reader.ValueTextEquals(UpdatedAt.EncodedUtf8Bytes))
            {
                Next(ref reader);
                updated = reader.GetDateTimeOffset();
            }
            else if (!HealthJson.TryRead(ref reader, reader.GetString()!, ref health))
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        if (name is null || address is null || owner is null)
        {
            throw new InvalidDataException("a registration without name, ip or owner");
        }

        return new Registration
        {
            Name = name,
            Fqdn = DomainName.Parse(name, origin),
            Address = address,
            Ttl = ttl,
            Owner = owner,
            CreatedAt = created,
            UpdatedAt = updated,
            Check = health.Check,
            Priority = health.Priority,
            Health = health.Health.Since == DateTimeOffset.MinValue ? health.Health with { Since = created } : health.Health,
        };
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new InvalidDataException("the file ends too early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type)
        {
            throw new InvalidDataException($"expected {type}, found {reader.TokenType}");
        }
    }
}
