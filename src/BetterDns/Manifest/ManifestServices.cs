namespace BetterDns.Manifest;

public static class ManifestServices
{
    public static IHostApplicationBuilder AddManifest(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ZoneFileReader>();
        return builder;
    }
}
