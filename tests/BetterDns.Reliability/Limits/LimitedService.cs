using BetterDns.Reliability.Infrastructure;

namespace BetterDns.Reliability.Limits;

/// <summary>One real service with small limits, shared by the limit tests (a start costs seconds on a busy machine).</summary>
public sealed class LimitedService : IAsyncLifetime
{
    public const int MaxRecordsPerOwner = 3;

    public const int RateLimitBurst = 20;

    private readonly TempDirectory _directory = new();

    public LimitedService()
    {
        Service = new BetterDnsProcess(_directory.Path, new Dictionary<string, string>
        {
            ["Registry:MaxRecordsPerOwner"] = MaxRecordsPerOwner.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Room for the other limit tests' few requests per token; the rate-limit test sends more than this at once.
            ["RateLimit:PermitsPerSecond"] = "1",
            ["RateLimit:Burst"] = RateLimitBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public BetterDnsProcess Service { get; }

    public string CappedVm { get; private set; } = "";

    public string BodyVm { get; private set; } = "";

    public string Admin { get; private set; } = "";

    public string RunawayVm { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var tokens = await Task.WhenAll(
            Service.CreateTokenAsync("capped-vm", "cap-*"),
            Service.CreateTokenAsync("body-vm", "body-*"),
            Service.CreateTokenAsync("limits-admin", admin: true),
            Service.CreateTokenAsync("runaway-vm", "runaway-*"));
        (CappedVm, BodyVm, Admin, RunawayVm) = (tokens[0], tokens[1], tokens[2], tokens[3]);
        await Service.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        _directory.Dispose();
    }
}
