namespace BetterDns.Hosting;

/// <summary>
/// Where BetterDns keeps its state (<c>Storage:DataDirectory</c>, default <c>./data</c> relative to the
/// current directory). The service and the CLI resolve it the same way, so a token the CLI signs
/// with the generated key is accepted by the service started from the same place.
/// </summary>
public static class DataDirectory
{
    public const string ConfigurationKey = "Storage:DataDirectory";

    public const string Default = "./data";

    public static string Resolve(IConfiguration configuration)
    {
        var configured = configuration[ConfigurationKey];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Default : configured);
    }
}
