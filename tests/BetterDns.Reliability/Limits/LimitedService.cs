using BetterDns.Reliability.Infrastructure;

namespace BetterDns.Reliability.Limits;

/// <summary>One real service with small limits, shared by the limit tests (a start costs seconds on a busy machine).</summary>
public sealed class LimitedService : IAsyncLifetime
{
    public const int MaxRecordsPerOwner = 3;

    private readonly TempDirectory _directory = new();

    public LimitedService()
    {
        Service = new BetterDnsProcess(_directory.Path, new Dictionary<string, string>
        {
            ["Registry:MaxRecordsPerOwner"] = MaxRecordsPerOwner.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public BetterDnsProcess Service { get; }

    public string CappedVm { get; private set; } = "";

    public string BodyVm { get; private set; } = "";

    public string Admin { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var tokens = await Task.WhenAll(
            Service.CreateTokenAsync("capped-vm", "cap-*"),
            Service.CreateTokenAsync("body-vm", "body-*"),
            Service.CreateTokenAsync("limits-admin", admin: true));
        (CappedVm, BodyVm, Admin) = (tokens[0], tokens[1], tokens[2]);
        await Service.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        _directory.Dispose();
    }
}
