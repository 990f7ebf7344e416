using BetterDns.ControllerTests.Infrastructure;
using BetterDns.Dns;
using BetterDns.Dns.Bridges.CoreDns;

namespace BetterDns.ControllerTests.CoreDns;

/// <summary>How <c>Dns:Server</c> and <c>Dns:ApplyStrategy</c> default when they are not set.</summary>
public sealed class ServerSelectionTests
{
    [Fact]
    public void DefaultsToCoreDnsWhenACorednsBinaryIsOnPath()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("coredns"), "#!/bin/sh\n");

        var server = DnsServerSelection.Server(new DnsControllerOptions(), pathVariable: "/nonexistent:" + directory.Path);

        Assert.Equal(DnsServerKind.CoreDns, server);
        Assert.Equal(directory.File("coredns"), CoreDnsBinary.Find("coredns", directory.Path));
    }

    [Fact]
    public void DefaultsToEmbeddedWithoutACorednsBinary()
    {
        using var directory = new TempDirectory();

        Assert.Equal(DnsServerKind.Embedded, DnsServerSelection.Server(new DnsControllerOptions(), pathVariable: directory.Path));
        Assert.Equal(
            DnsServerKind.Embedded,
            DnsServerSelection.Server(new DnsControllerOptions { CoreDns = { Binary = directory.File("coredns") } }, directory.Path));
    }

    [Fact]
    public void ConfiguredServerWinsOverTheBinarySearch()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("coredns"), "#!/bin/sh\n");

        Assert.Equal(
            DnsServerKind.Process,
            DnsServerSelection.Server(new DnsControllerOptions { Server = DnsServerKind.Process }, directory.Path));
    }

    [Theory]
    [InlineData(DnsServerKind.CoreDns, ApplyStrategyKind.Serial)]
    [InlineData(DnsServerKind.Embedded, ApplyStrategyKind.Serial)]
    [InlineData(DnsServerKind.Process, ApplyStrategyKind.Signal)]
    public void StrategyDefaultsToWhatTheServerCanPickUp(DnsServerKind server, ApplyStrategyKind expected)
    {
        Assert.Equal(expected, DnsServerSelection.Strategy(new DnsControllerOptions(), server));
        Assert.Equal(
            ApplyStrategyKind.Restart,
            DnsServerSelection.Strategy(new DnsControllerOptions { ApplyStrategy = ApplyStrategyKind.Restart }, server));
    }
}
