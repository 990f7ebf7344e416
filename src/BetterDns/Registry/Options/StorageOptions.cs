namespace BetterDns.Registry.Options;

/// <summary>Where durable state lives (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Zone file, registration metadata and journal; relative paths start at the current directory.</summary>
    public string DataDirectory { get; set; } = "./data";
}
