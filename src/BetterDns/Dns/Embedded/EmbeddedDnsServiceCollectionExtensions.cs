using BetterDns.Dns.Embedded;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Wires the embedded DNS server into a host.</summary>
public static class EmbeddedDnsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the embedded DNS server, answering on <c>Dns:Listen</c> from the registered
    /// <see cref="BetterDns.Dns.IZoneSource"/> (which the caller registers). Settings are checked at start-up.
    /// </summary>
    public static IServiceCollection AddEmbeddedDns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEmbeddedDnsServer(configuration);
        services.AddHostedService<EmbeddedDnsService>();
        return services;
    }

    /// <summary>
    /// Adds the server without starting it: the DNS controller's "embedded" bridge starts and stops it,
    /// like any other DNS server it drives.
    /// </summary>
    public static IServiceCollection AddEmbeddedDnsServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbeddedDnsOptions>()
            .Configure(options => Bind(options, configuration.GetSection("Dns")))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmbeddedDnsOptions>, EmbeddedDnsOptionsValidator>();
        services.AddSingleton(sp => new DnsResponder(
            sp.GetRequiredService<BetterDns.Dns.IZoneSource>(),
            sp.GetRequiredService<IOptions<EmbeddedDnsOptions>>().Value.MaxUdpPayload,
            sp.GetService<ILogger<DnsResponder>>()));
        services.AddSingleton(sp => new EmbeddedDnsServer(
            sp.GetRequiredService<DnsResponder>(),
            sp.GetRequiredService<IOptions<EmbeddedDnsOptions>>().Value,
            sp.GetService<ILogger<EmbeddedDnsServer>>(),
            sp.GetService<BetterDns.Observability.BetterDnsMetrics>()));
        return services;
    }

    /// <summary><c>Dns:Listen</c> as a list (<c>Dns:Listen:0</c>, …) or one comma-separated string; the rest from <c>Dns:Embedded</c>.</summary>
    internal static void Bind(EmbeddedDnsOptions options, IConfigurationSection dns)
    {
        var listen = dns.GetSection("Listen");
        IEnumerable<string?> entries = listen.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : listen.GetChildren().Select(c => c.Value);
        options.Listen = [.. entries.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e!.Trim())];
        dns.GetSection("Embedded").Bind(options);
    }
}
