using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;
using BetterDns.Dns.Bridges.CoreDns;
using BetterDns.Zone.Model;

namespace BetterDns.ControllerTests.CoreDns;

/// <summary>The Corefile and command line the CoreDNS bridge produces (CoreDNS itself is not installable here).</summary>
public sealed class CorefileTests
{
    private static readonly ControlledZone Zone = new(DomainName.Parse("cluster.internal."), "/data/cluster.internal.zone");

    [Fact]
    public void ServesTheZoneFileWithShortReloadAndTheOperationalPlugins()
    {
        var text = Corefile.Render(Zone, new CoreDnsOptions());

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal(
            [
                "cluster.internal.:5053 {",
                "bind 127.0.0.1",
                "file /data/cluster.internal.zone {",
                "reload 1s",
                "}",
                "health 127.0.0.1:8080",
                "ready 127.0.0.1:8181",
                "prometheus 127.0.0.1:9153",
                "errors",
                "log",
                "cache 1 {",
                "disable denial",
                "}",
                "}",
            ],
            lines);
    }

    [Fact]
    public void OptionsChangePortsReloadIntervalCacheAndLeaveOutPlugins()
    {
        var text = Corefile.Render(Zone, new CoreDnsOptions
        {
            Listen = "[::1]:5300",
            ReloadInterval = TimeSpan.FromMilliseconds(250),
            CacheTtl = 0,
            Health = null,
            Ready = "",
            Metrics = "0.0.0.0:9300",
            LogQueries = false,
        });

        Assert.Contains("cluster.internal.:5300 {", text);
        Assert.Contains("bind ::1", text);
        Assert.Contains("reload 250ms", text);
        Assert.Contains("prometheus 0.0.0.0:9300", text);
        Assert.DoesNotContain("health", text);
        Assert.DoesNotContain("ready", text);
        Assert.DoesNotContain("cache", text);
        Assert.DoesNotContain("\n    log\n", text);
    }

    [Fact]
    public void CachesDenialsOnlyWhenTold()
    {
        var text = Corefile.Render(Zone, new CoreDnsOptions { CacheTtl = 2, CacheDenialTtl = 1 });

        Assert.Contains("    cache 2 {\n        denial 9984 1\n    }\n", text);
        Assert.DoesNotContain("disable denial", text);
    }

    [Theory]
    [InlineData(ApplyStrategyKind.Serial, "reload 1s")]
    [InlineData(ApplyStrategyKind.Signal, "reload 0")]
    [InlineData(ApplyStrategyKind.Restart, "reload 0")]
    public void TheFilePluginPollsTheSerialOnlyForTheSerialStrategy(ApplyStrategyKind strategy, string reload)
    {
        var text = Corefile.Render(Zone, new CoreDnsOptions(), strategy);

        Assert.Contains($"        {reload}\n", text);
    }

    [Fact]
    public void QuotesAZoneFilePathWithSpaces()
    {
        var text = Corefile.Render(Zone with { FilePath = "/srv/dns data/zone file" }, new CoreDnsOptions());

        Assert.Contains("file \"/srv/dns data/zone file\" {", text);
    }

    [Fact]
    public void RejectsAListenAddressWithoutPort()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Corefile.Render(Zone, new CoreDnsOptions { Listen = "127.0.0.1" }));

        Assert.Contains("Dns:CoreDns:Listen", error.Message);
    }

    [Fact]
    public void CommandLineIsCorednsWithTheGeneratedCorefile()
    {
        var command = CoreDnsBridge.CommandFor(new CoreDnsOptions { Binary = "/usr/local/bin/coredns" }, Zone);

        Assert.Equal("/usr/local/bin/coredns", command.Executable);
        Assert.Equal(["-conf", "/data/Corefile"], command.Arguments);
        Assert.Equal(
            "/etc/coredns/Corefile",
            CoreDnsBridge.CorefilePath(new CoreDnsOptions { Corefile = "/etc/coredns/Corefile" }, Zone));
    }

    [Fact]
    public void RepositoryCorefileIsWhatTheContainerGenerates()
    {
        var container = new CoreDnsOptions { Listen = "0.0.0.0:53", Metrics = "0.0.0.0:9153" };

        var generated = Corefile.Render(Zone, container);

        Assert.Equal(generated, File.ReadAllText(Path.Combine(RepositoryRoot.Path, "coredns", "Corefile")));
    }

    [Fact]
    public void ReadyUrlComesFromTheReadyPlugin()
    {
        Assert.Equal(new Uri("http://127.0.0.1:8181/ready"), Corefile.ReadyUrl(new CoreDnsOptions()));
        Assert.Null(Corefile.ReadyUrl(new CoreDnsOptions { Ready = null }));
    }
}
