using BetterDns.Dns.Bridges;
using BetterDns.Dns.Bridges.CoreDns;
using BetterDns.Dns.Bridges.Process;
using BetterDns.Dns.Controller;
using BetterDns.Dns.Health;
using BetterDns.Dns.Strategies;
using BetterDns.Dns.Sync;
using BetterDns.Registry;
using BetterDns.Registry.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BetterDns.Dns;

/// <summary>Adds the DNS controller: the bridge chosen by <c>Dns:Server</c>, the strategy, the sync verifier and waiter, and the <c>dns-server</c> health check.</summary>
public static class DnsControllerExtensions
{
    /// <summary>
    /// Registers everything under <c>Dns:*</c>. Bridges are keyed services ("coredns", "process"; the
    /// embedded server's adapter is registered as "embedded" by whoever adds that server); the plain
    /// <see cref="IDnsServerBridge"/> is the one <c>Dns:Server</c> selects. The registry, if registered,
    /// is where the verifier finds PENDING registrations.
    /// </summary>
    public static IHostApplicationBuilder AddDnsController(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DnsControllerOptions>()
            .BindConfiguration(DnsControllerOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Supervision.InitialBackoff <= o.Supervision.MaxBackoff, "Dns:Supervision:InitialBackoff must not exceed MaxBackoff")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetService<RegistrySettings>() is { } registry
            ? new ControlledZone(registry.Origin, registry.ZoneFile)
            : ControlledZone.FromConfiguration(sp.GetRequiredService<IConfiguration>()));

        services.AddKeyedSingleton<IDnsServerBridge>(DnsServerSelection.Key(DnsServerKind.Process), (sp, _) =>
        {
            var options = Options(sp);
            return new ProcessBridge(
                options.Process, sp.GetRequiredService<ControlledZone>(), options.Supervision,
                sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>());
        });
        services.AddKeyedSingleton<IDnsServerBridge>(DnsServerSelection.Key(DnsServerKind.CoreDns), (sp, _) =>
        {
            var options = Options(sp);
            return new CoreDnsBridge(
                options.CoreDns, sp.GetRequiredService<ControlledZone>(), options.Supervision,
                sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>(),
                DnsServerSelection.Strategy(options, DnsServerKind.CoreDns));
        });
        services.AddSingleton(sp =>
        {
            var kind = DnsServerSelection.Server(Options(sp));
            return sp.GetKeyedService<IDnsServerBridge>(DnsServerSelection.Key(kind))
                ?? throw new InvalidOperationException(
                    $"Dns:Server={DnsServerSelection.Key(kind)} has no bridge registered: add the embedded DNS server and "
                    + "register its adapter as services.AddKeyedSingleton<IDnsServerBridge>(\"embedded\", …), or set "
                    + "Dns:Server to coredns or process");
        });
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            var server = DnsServerSelection.Server(options);
            // Paced for CoreDNS only, whose SIGUSR1 rebuilds every plugin; BIND and Knot keep their reload-per-change.
            var minReloadInterval = server == DnsServerKind.CoreDns ? options.MinReloadInterval : TimeSpan.Zero;
            return IApplyStrategy.For(DnsServerSelection.Strategy(options, server), minReloadInterval, sp.GetRequiredService<TimeProvider>());
        });

        services.TryAddSingleton<ISyncReporter>(sp =>
            sp.GetService<IRegistry>() is { } registry ? new RegistrySyncReporter(registry) : new NoSyncReporter());
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            var registry = sp.GetService<IRegistry>();
            return new SyncVerifier(
                () => registry?.Current, sp.GetRequiredService<IDnsServerBridge>(), sp.GetRequiredService<ISyncReporter>(),
                options.Sync, options.Supervision.ProbeTimeout, sp.GetRequiredService<ILogger<SyncVerifier>>(),
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<ISyncWaiter>(sp =>
        {
            var registry = sp.GetService<IRegistry>();
            return new SyncWaiter(() => registry?.Current, sp.GetRequiredService<SyncVerifier>(), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp => new DnsController(
            sp.GetRequiredService<IDnsServerBridge>(), sp.GetRequiredService<IApplyStrategy>(),
            sp.GetRequiredService<SyncVerifier>(), sp.GetRequiredService<ILogger<DnsController>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DnsController>());
        services.AddHostedService(sp => new RegistryApplyTrigger(
            sp.GetService<IRegistry>(), sp.GetRequiredService<DnsController>(), DnsServerSelection.Server(Options(sp))));

        services.AddHostedService(sp => new Watcher.ZoneFileWatcher(
            sp.GetService<IRegistry>(), Options(sp).Watcher, sp.GetRequiredService<ILogger<Watcher.ZoneFileWatcher>>()));

        services.AddHealthChecks().AddCheck<DnsServerHealthCheck>(DnsServerHealthCheck.Name, tags: ["ready"]);
        return builder;
    }

    private static DnsControllerOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DnsControllerOptions>>().Value;
}
