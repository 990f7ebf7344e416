using BetterDns.Registry;
using BetterDns.Registry.Options;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using Microsoft.Extensions.Logging;

namespace BetterDns.Tests.Registry;

/// <summary>
/// What governs how long resolvers cache "no such name": Zone:NegativeTtl for a zone file the service creates,
/// the operator's SOA for one that exists (kept as written; a warning says what it costs).
/// </summary>
public sealed class NegativeCachingTests
{
    [Fact]
    public async Task ANewZoneFileCachesNegativeAnswersForZoneNegativeTtl()
    {
        await using var temp = TempRegistry.Create(configure: s => s with { NegativeTtl = 2, DefaultTtl = 7 });

        var zone = temp.ReadZoneFile();
        var soa = (SoaData)zone.SoaRecord!.Data;

        Assert.Equal(2u, zone.SoaRecord.Ttl);
        Assert.Equal(2u, soa.Minimum);
        Assert.Equal(7u, zone.DefaultTtl);
        Assert.All(zone.Records.Where(r => r.Type != RecordType.SOA), r => Assert.Equal(7u, r.Ttl));
    }

    [Fact]
    public async Task AnOperatorsLongerSoaIsKeptAsWrittenAndTheOperatorIsWarned()
    {
        const string zoneFile = """
            $ORIGIN cluster.internal.
            $TTL 300
            @ 3600 IN SOA ns1 hostmaster 2020010101 7200 900 2419200 120
            @ 3600 IN NS ns1
            ns1 IN A 127.0.0.1
            """;
        var directory = Path.Combine(Path.GetTempPath(), "betterdns-negative-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = RegistrySettings.ForDirectory(directory);
        await File.WriteAllTextAsync(settings.ZoneFile, zoneFile);
        var logger = new RecordingLogger();
        try
        {
            await using (var registry = DurableRegistry.Open(settings, logger: logger))
            {
                await registry.SubmitAsync(new RegisterChange(Actor.Admin("ops"), "web-1", System.Net.IPAddress.Parse("10.0.0.5"), 5));
                await registry.FlushAsync();
            }

            var zone = ZoneFileParser.ParseFile(settings.ZoneFile, settings.Origin);
            Assert.Equal(3600u, zone.SoaRecord!.Ttl);
            Assert.Equal(120u, ((SoaData)zone.SoaRecord.Data).Minimum);
            Assert.Equal(120u, NegativeCaching.SecondsOf(zone.SoaRecord));
            var warning = Assert.Single(logger.Warnings, w => w.Contains("Zone:NegativeTtl (1 s)", StringComparison.Ordinal));
            Assert.Contains("for 120 s", warning, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class RecordingLogger : ILogger<DurableRegistry>
    {
        private readonly List<string> _warnings = [];

        public IReadOnlyList<string> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return [.. _warnings];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                lock (_warnings)
                {
                    _warnings.Add(formatter(state, exception));
                }
            }
        }
    }
}
