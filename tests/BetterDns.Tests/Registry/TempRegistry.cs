using System.Diagnostics;
using System.Net;
using BetterDns.Registry;
using BetterDns.Registry.Options;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;

namespace BetterDns.Tests.Registry;

/// <summary>A registry on a fresh temp data directory, reopened on the same directory to simulate restarts.</summary>
internal sealed class TempRegistry : IAsyncDisposable
{
    private TempRegistry(RegistrySettings settings, DurableRegistry registry)
    {
        Settings = settings;
        Registry = registry;
    }

    public RegistrySettings Settings { get; }

    public DurableRegistry Registry { get; private set; }

    public string DataDirectory => Settings.DataDirectory;

    public static DomainName Origin { get; } = DomainName.Parse("cluster.internal.");

    /// <summary>Opens a registry on a new temp directory, optionally seeded with a hand-written zone file.</summary>
    public static TempRegistry Create(string? zoneFileText = null, Func<RegistrySettings, RegistrySettings>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "betterdns-registry-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = RegistrySettings.ForDirectory(directory);
        settings = configure?.Invoke(settings) ?? settings;
        if (zoneFileText is not null)
        {
            File.WriteAllText(settings.ZoneFile, zoneFileText);
        }

        return new TempRegistry(settings, DurableRegistry.Open(settings));
    }

    /// <summary>Stops the registry (cleanly, or like a crash right after the last acknowledged write) and opens a new one on the same directory.</summary>
    public async Task<DurableRegistry> RestartAsync(bool crash = false)
    {
        if (crash)
        {
            await Registry.StopWithoutCheckpointAsync();
        }
        else
        {
            await Registry.DisposeAsync();
        }

        Registry = DurableRegistry.Open(Settings);
        return Registry;
    }

    public DnsZone ReadZoneFile() => ZoneFileParser.ParseFile(Settings.ZoneFile, Origin);

    public IEnumerable<string> JournalSegments() => Directory.EnumerateFiles(DataDirectory, "journal-*.wal");

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        if (OperatingSystem.IsLinux())
        {
            // A test may leave files immutable; make sure they can be deleted.
            using var chattr = Process.Start(new ProcessStartInfo("chattr", ["-R", "-i", DataDirectory]) { RedirectStandardError = true });
            chattr?.WaitForExit();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }

    public static Actor Vm(string subject, params string[] patterns) => new(subject, false, patterns);

    public static Actor Admin(string subject = "admin") => Actor.Admin(subject);

    public static IPAddress Ip(string text) => IPAddress.Parse(text);
}
