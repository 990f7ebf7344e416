using System.Diagnostics;
using System.Net;
using BetterDns.HealthTests.Infrastructure;
using BetterDns.Testing;

namespace BetterDns.HealthTests.Resolvers;

/// <summary>
/// The real service (with its health checker), the authoritative server it drives (the embedded server, or
/// BIND through the process bridge) and a real caching resolver in front of that server, as clients have it.
/// </summary>
public sealed class ResolverRig : IAsyncDisposable
{
    private readonly string? _dataDirectory;
    private readonly TempDirectory? _bindDirectory;

    private ResolverRig(HealthApp app, IPEndPoint authoritative, string? dataDirectory, TempDirectory? bindDirectory)
    {
        App = app;
        Authoritative = authoritative;
        _dataDirectory = dataDirectory;
        _bindDirectory = bindDirectory;
    }

    public HealthApp App { get; }

    /// <summary>Where the authoritative server answers (what INSYNC is verified against).</summary>
    public IPEndPoint Authoritative { get; }

    public RecursiveResolver Resolver { get; private set; } = null!;

    /// <summary>
    /// <paramref name="authoritative"/>: <c>embedded</c> or <c>bind</c> (named via <c>Dns:Server=process</c>);
    /// <paramref name="resolver"/>: <c>unbound</c> or <c>named</c>. <paramref name="settings"/> are the service's, on top of its defaults.
    /// </summary>
    public static async Task<ResolverRig> StartAsync(string authoritative, string resolver, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        ResolverRig rig;
        if (authoritative == "bind")
        {
            var data = BetterDns.Tests.Infrastructure.TempDirectory.Create();
            var directory = new TempDirectory();
            var bind = BindConfiguration.Write(directory, HealthApp.Zone, Path.Combine(data, "cluster.internal.zone"));
            all["Dns:Server"] = "process";
            all["Dns:ApplyStrategy"] = "signal";
            all["Dns:Process:Name"] = "named";
            all["Dns:Process:Command"] = "named";
            all["Dns:Process:ReloadCommand"] = "rndc";
            all["Dns:Process:ProbeEndpoint"] = bind.ProbeEndpoint;
            AddList(all, "Dns:Process:Arguments", bind.Arguments);
            AddList(all, "Dns:Process:ReloadArguments", bind.ReloadArguments);
            rig = new ResolverRig(new HealthApp(all, data), IPEndPoint.Parse(bind.ProbeEndpoint), data, directory);
        }
        else
        {
            var app = new HealthApp(all);
            rig = new ResolverRig(app, app.Dns, null, null);
        }

        try
        {
            rig.Resolver = await RecursiveResolver.StartAsync(resolver, rig.Authoritative, HealthApp.Zone);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    public static string Fqdn(string name) => name + "." + HealthApp.Zone;

    /// <summary>Asks the resolver until <paramref name="condition"/> holds; fails the test with the last reply after <paramref name="within"/>.</summary>
    public async Task<(DigReply Reply, TimeSpan After)> UntilAsync(string name, Func<DigReply, bool> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        DigReply reply;
        do
        {
            reply = await Resolver.AskAsync(Fqdn(name));
            if (condition(reply))
            {
                return (reply, clock.Elapsed);
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < within);

        Assert.Fail($"{Resolver.Name} in front of {Authoritative}: {what} did not happen within {within.TotalSeconds} s; it last answered {reply}");
        return default;
    }

    public async ValueTask DisposeAsync()
    {
        if (Resolver is not null)
        {
            await Resolver.DisposeAsync();
        }

        await App.DisposeAsync();
        _bindDirectory?.Dispose();
        if (_dataDirectory is not null)
        {
            BetterDns.Tests.Infrastructure.TempDirectory.Delete(_dataDirectory);
        }
    }

    private static void AddList(Dictionary<string, string?> settings, string key, string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            settings[$"{key}:{i}"] = values[i];
        }
    }
}
