namespace BetterDns.Registry;

/// <summary>The zone file the registry last wrote: its hash (to recognise our own writes) and the registrations it held.</summary>
internal sealed record WrittenZoneFile(byte[] Sha256, RegistrySnapshot Snapshot);
