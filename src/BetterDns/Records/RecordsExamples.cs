using BetterDns.Health;

namespace BetterDns.Records;

/// <summary>The bodies Swagger UI shows for the record routes: real request and response types, so they compile against the contract.</summary>
public static class RecordsExamples
{
    private static readonly DateTimeOffset Registered = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Refreshed = Registered.AddMinutes(5);

    public static readonly CheckRequest HttpCheck = new(
        Kind: "http", Port: 8080, Path: "/alive.html", Expect: "alive", Interval: "10s", FailuresBeforeCritical: 3, DeregisterAfter: "24h");

    public static readonly RegisterRequest RegisterCaller = new("web-1");
    public static readonly RegisterRequest RegisterAddress = new("web-1", "10.0.0.5", 60);
    public static readonly RegisterRequest RegisterWithCheck = new("web-1", "10.0.0.5", 60, HttpCheck);
    public static readonly RegisterRequest RegisterWithHeartbeat = new("web-1", "10.0.0.5", Check: new CheckRequest(Kind: "heartbeat", Interval: "30s"));
    public static readonly RegisterRequest RegisterBackup = new("web-1", "10.0.0.6", Priority: 1);

    public static readonly ReplaceRequest ReplacePool = new(Ips: ["10.0.0.5", "10.0.0.6"], Ttl: 60, Check: HttpCheck);
    public static readonly ReplaceRequest ReplaceOne = new(Ip: "10.0.0.7", Check: new CheckRequest(Kind: "tcp", Port: 22));

    public static readonly RecordResponse Created = Record("10.0.0.5", "PENDING", Registered, Check(), Passing(null));
    public static readonly RecordResponse Refreshed200 = Record("10.0.0.5", "INSYNC", Refreshed, Check(), Passing(Refreshed));

    public static readonly RecordSetResponse Pool = new("web-1", "web-1.cluster.internal.",
    [
        Record("10.0.0.5", "INSYNC", Refreshed, Check(), Passing(Refreshed)),
        Record("10.0.0.6", "INSYNC", Refreshed, Check(), Passing(Refreshed)),
    ]);

    public static readonly RecordSetResponse Unchecked = new("db-1", "db-1.cluster.internal.",
        [Record("10.0.0.9", "INSYNC", Registered, null, Passing(null), name: "db-1", owner: "ops")]);

    public static readonly Dictionary<string, string[]> NameErrors = new()
    {
        ["name"] = ["The name contains '_' at position 4; a host name has only letters a-z, digits, hyphens and dots between labels (RFC 1123)."],
        ["ip"] = ["'10.0.0.300' is not an IPv4 address in dotted-quad form (four decimal numbers 0-255 without leading zeros, e.g. 10.0.0.5)."],
        ["ttl"] = ["The TTL must be between 5 and 86400 seconds (Registration:MinTtl..MaxTtl), found -1."],
    };

    public static readonly Dictionary<string, string[]> WaitErrors = new()
    {
        ["wait"] = ["'wait' must be a duration such as 5s or 500ms, at most 60s."],
    };

    public static readonly Dictionary<string, string[]> IpErrors = new()
    {
        ["ip"] = ["'10.0.0.x' is not an IPv4 address in dotted-quad form (four decimal numbers 0-255 without leading zeros, e.g. 10.0.0.5)."],
    };

    private static CheckResponse Check() => new("http", 8080, "/alive.html", null, "alive", null, "10s", "2s", 3, 2, "24h");

    private static HealthResponse Passing(DateTimeOffset? checkedAt) =>
        new("passing", Registered, null, null, checkedAt, checkedAt is null ? null : "passing", null, 0, checkedAt is null ? 0 : 12);

    internal static RecordResponse Record(
        string ip, string status, DateTimeOffset updated, CheckResponse? check, HealthResponse health, string name = "web-1", string owner = "vm-1") =>
        // The checked examples ask for 60 s; their check notices a death in 10 s × 3, which caps the TTL at 30.
        new(name, $"{name}.cluster.internal.", ip, check is null ? 60u : 30u, owner, Registered, updated, status, 0, check, health);
}
