using BetterDns.Zone.Model;

namespace BetterDns.Registry.Options;

/// <summary>
/// The registry's settings resolved from <see cref="ZoneOptions"/>, <see cref="StorageOptions"/> and
/// <see cref="RegistryOptions"/>: names parsed, defaults filled in, paths made absolute.
/// </summary>
public sealed record RegistrySettings
{
    public required DomainName Origin { get; init; }

    public uint DefaultTtl { get; init; } = 5;

    /// <summary>See <see cref="ZoneOptions.NegativeTtl"/>.</summary>
    public uint NegativeTtl { get; init; } = 1;

    public required DomainName PrimaryNameServer { get; init; }

    public required DomainName Hostmaster { get; init; }

    /// <summary>Absolute path of the data directory (metadata and journal live here).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Absolute path of the zone file.</summary>
    public required string ZoneFile { get; init; }

    public int MaxBatch { get; init; } = 512;

    public TimeSpan ZoneFlushInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    public int MaxRecordsPerOwner { get; init; } = 64;

    /// <summary>See <see cref="RegistryOptions.CheckpointShare"/>.</summary>
    public double CheckpointShare { get; init; } = 0.1;

    /// <summary>See <see cref="RegistryOptions.MaxCheckpointInterval"/>.</summary>
    public TimeSpan MaxCheckpointInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A day: far past what resolvers keep a negative answer anyway (BIND 3 h, unbound 1 h by default).</summary>
    public const uint MaxNegativeTtl = 86400;

    /// <summary>Defaults for a zone under <paramref name="dataDirectory"/> (tests and tools).</summary>
    public static RegistrySettings ForDirectory(string dataDirectory, string origin = "cluster.internal.") =>
        Resolve(new ZoneOptions { Origin = origin }, new StorageOptions { DataDirectory = dataDirectory }, new RegistryOptions());

    /// <summary>Resolves the options; throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public static RegistrySettings Resolve(ZoneOptions zone, StorageOptions storage, RegistryOptions registry)
    {
        var errors = Validate(zone, storage, registry);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors));
        }

        var origin = ParseOrigin(zone.Origin);
        var dataDirectory = Path.GetFullPath(storage.DataDirectory);
        var zoneFile = string.IsNullOrWhiteSpace(zone.File)
            ? Path.Combine(dataDirectory, origin.Value.TrimEnd('.') + ".zone")
            : Path.GetFullPath(zone.File);
        return new RegistrySettings
        {
            Origin = origin,
            DefaultTtl = zone.DefaultTtl,
            NegativeTtl = zone.NegativeTtl,
            PrimaryNameServer = string.IsNullOrWhiteSpace(zone.PrimaryNameServer)
                ? DomainName.Parse("ns1", origin)
                : DomainName.Parse(zone.PrimaryNameServer, origin),
            Hostmaster = string.IsNullOrWhiteSpace(zone.Hostmaster)
                ? DomainName.Parse("hostmaster", origin)
                : DomainName.Parse(MailboxToName(zone.Hostmaster), origin),
            DataDirectory = dataDirectory,
            ZoneFile = zoneFile,
            MaxBatch = registry.MaxBatch,
            ZoneFlushInterval = registry.ZoneFlushInterval,
            MaxRecordsPerOwner = registry.MaxRecordsPerOwner,
            CheckpointShare = registry.CheckpointShare,
            MaxCheckpointInterval = registry.MaxCheckpointInterval,
        };
    }

    /// <summary>Every problem with the options, as messages naming the setting (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(ZoneOptions zone, StorageOptions storage, RegistryOptions registry)
    {
        var errors = new List<string>();
        if (!DomainName.TryParse(AbsoluteText(zone.Origin), null, out var origin, out var error) || origin.IsRoot)
        {
            errors.Add($"Zone:Origin '{zone.Origin}' is not a zone name ({error ?? "the root cannot be served"})");
            origin = DomainName.Parse("invalid.");
        }

        if (!string.IsNullOrWhiteSpace(zone.PrimaryNameServer) && !DomainName.TryParse(zone.PrimaryNameServer, origin, out _, out error))
        {
            errors.Add($"Zone:PrimaryNameServer '{zone.PrimaryNameServer}' is not a domain name ({error})");
        }

        if (!string.IsNullOrWhiteSpace(zone.Hostmaster) && !DomainName.TryParse(MailboxToName(zone.Hostmaster), origin, out _, out error))
        {
            errors.Add($"Zone:Hostmaster '{zone.Hostmaster}' is not a mailbox name ({error})");
        }

        if (zone.DefaultTtl is 0 or > int.MaxValue)
        {
            errors.Add($"Zone:DefaultTtl must be between 1 and {int.MaxValue} seconds");
        }

        if (zone.NegativeTtl > MaxNegativeTtl)
        {
            errors.Add($"Zone:NegativeTtl must be between 0 and {MaxNegativeTtl} seconds");
        }

        if (string.IsNullOrWhiteSpace(storage.DataDirectory))
        {
            errors.Add("Storage:DataDirectory must name a directory");
        }

        if (registry.MaxBatch is < 1 or > 100_000)
        {
            errors.Add("Registry:MaxBatch must be between 1 and 100000");
        }

        if (registry.ZoneFlushInterval < TimeSpan.Zero || registry.ZoneFlushInterval > TimeSpan.FromHours(1))
        {
            errors.Add("Registry:ZoneFlushInterval must be between 0 and 1 hour");
        }

        if (!(registry.CheckpointShare is > 0 and <= 1))
        {
            errors.Add("Registry:CheckpointShare must be above 0 and at most 1");
        }

        if (registry.MaxCheckpointInterval < TimeSpan.Zero || registry.MaxCheckpointInterval > TimeSpan.FromHours(1))
        {
            errors.Add("Registry:MaxCheckpointInterval must be between 0 and 1 hour");
        }

        if (registry.MaxRecordsPerOwner < 1)
        {
            errors.Add("Registry:MaxRecordsPerOwner must be at least 1");
        }

        return errors;
    }

    private static DomainName ParseOrigin(string text) => DomainName.Parse(AbsoluteText(text));

    private static string AbsoluteText(string text) =>
        string.IsNullOrWhiteSpace(text) ? "" : DomainName.IsAbsolute(text) ? text : text + ".";

    // RFC 1035 writes the mailbox hostmaster@example.com as hostmaster.example.com.
    private static string MailboxToName(string mailbox)
    {
        var at = mailbox.IndexOf('@');
        return at < 0 ? mailbox : mailbox[..at].Replace(".", "\\.") + "." + AbsoluteText(mailbox[(at + 1)..]);
    }
}
