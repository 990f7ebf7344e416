using BetterDns.Records;

namespace BetterDns.Manifest;

/// <summary>The manifest as Swagger UI shows it: JSON, and the zone file text for <c>Accept: text/dns</c>.</summary>
public static class ManifestExamples
{
    public static readonly ManifestResponse Json = new("cluster.internal.", 2026112605, 12, [RecordsExamples.Pool],
    [
        "cluster.internal. 60 IN SOA ns1.cluster.internal. hostmaster.cluster.internal. 2026112605 3600 600 1209600 60",
        "cluster.internal. 60 IN NS ns1.cluster.internal.",
        "ns1.cluster.internal. 60 IN A 127.0.0.1",
        "web-1.cluster.internal. 60 IN A 10.0.0.5",
        "web-1.cluster.internal. 60 IN A 10.0.0.6",
    ]);

    public const string ZoneFile = """
        $ORIGIN cluster.internal.
        $TTL 60
        @     60 IN SOA ns1 hostmaster 2026112605 3600 600 1209600 60
              60 IN NS  ns1
        ns1   60 IN A   127.0.0.1
        web-1 60 IN A   10.0.0.5
              60 IN A   10.0.0.6

        """;
}
