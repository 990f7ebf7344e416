using System.Net;
using BetterDns.Tests.Infrastructure;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;

namespace BetterDns.Tests.Records;

public sealed class ConcurrencyTests
{
    private const int Registrations = 500;

    [Fact]
    public async Task FiveHundredParallelRegistrationsAreEachInTheZoneFileExactlyOnce()
    {
        await using var app = new BetterDnsApplication();
        var clients = Enumerable.Range(0, Registrations)
            .Select(i => app.CreateVmClient($"vm-par-{i}", $"par-{i}"))
            .ToArray();

        var responses = await Task.WhenAll(clients.Select((client, i) => client.RegisterAsync($"par-{i}", Address(i))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        await app.FlushAsync();
        var origin = DomainName.Parse("cluster.internal.");
        var zone = ZoneFileParser.ParseFile(app.ZoneFilePath, origin);
        var byOwner = zone.Records
            .Where(r => r.Type == RecordType.A && r.Owner.Value.StartsWith("par-", StringComparison.Ordinal))
            .GroupBy(r => r.Owner)
            .ToDictionary(g => g.Key, g => g.Select(r => ((AData)r.Data).Address.ToString()).ToArray());
        Assert.Equal(Registrations, byOwner.Count);
        for (var i = 0; i < Registrations; i++)
        {
            Assert.Equal([Address(i)], byOwner[DomainName.Parse($"par-{i}", origin)]);
        }
    }

    private static string Address(int i) => $"10.9.{i / 250}.{i % 250 + 1}";
}
