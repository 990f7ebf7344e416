using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using BetterDns.Zone.Model;

namespace BetterDns.Registry.Storage;

/// <summary>
/// <c>registrations.json</c> in the data directory: who registered what and when, for every A record
/// the API manages. The zone file holds the records themselves; this file tells them apart from the
/// operator's records and keeps owners and timestamps that a zone file has no room for.
/// </summary>
internal static class RegistrationFile
{
    public const string FileName = "registrations.json";

    private const int CurrentFormat = 1;

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    public static void Write(string path, DomainName origin, uint zoneSerial, IEnumerable<Registration> registrations)
    {
        var model = new RegistrationFileModel(
            CurrentFormat,
            origin.Value,
            zoneSerial,
            [.. registrations.Select(r => new RegistrationEntry(r.Name, r.Address.ToString(), r.Ttl, r.Owner, r.CreatedAt, r.UpdatedAt))]);
        DurableFile.Replace(path, stream => JsonSerializer.Serialize(stream, model, RegistrationFileJson.Default.RegistrationFileModel));
    }

    /// <summary>The registrations in the file, or none when there is no file yet.</summary>
    public static IReadOnlyList<Registration> Read(string path, DomainName origin)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        RegistrationFileModel? model;
        using (var stream = File.OpenRead(path))
        {
            model = JsonSerializer.Deserialize(stream, RegistrationFileJson.Default.RegistrationFileModel);
        }

        if (model is null || model.Format != CurrentFormat)
        {
            throw new InvalidDataException($"{path}: unknown format {model?.Format}");
        }

        if (DomainName.Parse(model.Origin) != origin)
        {
            throw new InvalidDataException(
                $"{path} holds registrations of zone '{model.Origin}' but the configured Zone:Origin is '{origin}'");
        }

        return [.. model.Registrations.Select(e => new Registration
        {
            Name = e.Name,
            Fqdn = DomainName.Parse(e.Name, origin),
            Address = IPAddress.Parse(e.Ip),
            Ttl = e.Ttl,
            Owner = e.Owner,
            CreatedAt = e.CreatedAt,
            UpdatedAt = e.UpdatedAt,
        })];
    }
}

internal sealed record RegistrationFileModel(int Format, string Origin, uint ZoneSerial, IReadOnlyList<RegistrationEntry> Registrations);

internal sealed record RegistrationEntry(string Name, string Ip, uint Ttl, string Owner, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(RegistrationFileModel))]
internal sealed partial class RegistrationFileJson : JsonSerializerContext;
